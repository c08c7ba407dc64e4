using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Storage.Azure.Http;

/// <summary>
/// Signs table requests with Shared Key Lite: HMAC-SHA256 over <c>x-ms-date\n/account/path[?comp=…]</c>. With a
/// path-style endpoint (Azurite) the path already starts with the account, so the resource reads
/// <c>/devstoreaccount1/devstoreaccount1/table</c>.
/// </summary>
internal sealed class SharedKeyLiteTablePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("x-ms-date", out var date);
        var uri = request.Uri.ToUri();
        var resource = $"/{accountName}{uri.AbsolutePath}";
        var comp = QueryString.Parse(uri.Query).FirstOrDefault(p => string.Equals(p.Key, "comp", StringComparison.OrdinalIgnoreCase));
        if (comp.Key is not null)
        {
            resource += $"?comp={comp.Value}";
        }

        var signature = AccountKeySigner.Sign(accountKey, $"{date}\n{resource}");
        request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{signature}");
    }
}
