using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessGov.Testing.Apps;

/// <summary>
/// A small Kestrel app on a loopback port the system picks (never a fixed one), for tests that need a real HTTP peer
/// (a bank, a callback receiver): the caller maps its endpoints, and reads where it listens once it has started.
/// </summary>
public static class LoopbackWebApp
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its endpoints, starts it and returns it with its base address (no trailing slash).</summary>
    public static async Task<(WebApplication App, string Address)> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, address.TrimEnd('/'));
    }
}
