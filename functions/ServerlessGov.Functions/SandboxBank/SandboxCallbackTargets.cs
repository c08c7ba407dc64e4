using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// The URLs the sandbox bank may call back: <c>SandboxBank:CallbackUrls</c>, by default this app's own payout callback
/// endpoint. A bank that POSTs wherever a client asks is a request forgery tool; this one refuses any other address when
/// the payment is submitted, and checks again before each callback.
/// </summary>
public sealed class SandboxCallbackTargets(IOptions<SandboxBankOptions> options, AppRelativeUrls urls)
{
    /// <summary>True when the bank may POST to <paramref name="url"/>.</summary>
    public async Task<bool> AllowsAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return false;
        }

        var listed = options.Value.CallbackUrls.Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
        foreach (var target in listed.Count > 0 ? listed : [PayoutCallbackApi.Route])
        {
            var allowed = await urls.ResolveAsync(new Uri(target, UriKind.RelativeOrAbsolute), cancellationToken).ConfigureAwait(false);
            if (Uri.Compare(allowed, url, UriComponents.HttpRequestUrl, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
