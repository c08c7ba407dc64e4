using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// Resolves a URL setting that may be relative to this app's own HTTP functions (<c>sandbox-bank/v1/</c>,
/// <c>payouts/bank-callbacks</c>), so a default names this app where it actually listens, never a guessed port where
/// another app may be listening.
/// </summary>
public sealed class AppRelativeUrls(FunctionsHostAddress? host = null)
{
    /// <summary><paramref name="url"/> itself when absolute; otherwise resolved against the app's functions root once the server listens.</summary>
    /// <exception cref="InvalidOperationException">The URL is relative and no functions host runs in this process.</exception>
    public async Task<Uri> ResolveAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsAbsoluteUri)
        {
            return url;
        }

        var root = host ?? throw new InvalidOperationException($"'{url}' is relative to the app's own functions, and no functions host runs here: configure an absolute URL.");
        return new Uri(await root.GetFunctionsRootAsync(cancellationToken).ConfigureAwait(false), url);
    }
}
