using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using ServerlessGov.Hosting.Configuration;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// Where this host serves its HTTP functions, as the server reports it once it listens (never a guessed port): for an
/// app that calls its own functions, such as a sandbox standing in for an outside service or a callback address it
/// hands out. A wildcard binding (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) is reached through loopback.
/// </summary>
public sealed class FunctionsHostAddress(IServer server, IHostApplicationLifetime lifetime, FunctionsHostSettings settings)
{
    /// <summary>
    /// The root of the HTTP functions, with the route prefix and a trailing slash (<c>http://127.0.0.1:7071/api/</c>);
    /// waits until the server has started.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server listens on no address.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the server started.</exception>
    public async Task<Uri> GetFunctionsRootAsync(CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens on no address, so the host cannot name its own functions.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        uri.Path = settings.RoutePrefix.Length == 0 ? "/" : "/" + settings.RoutePrefix + "/";
        return uri.Uri;
    }
}
