using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Storage.Azure.Http;

/// <summary>Signs queue requests with Shared Key (the full form: verb, standard headers, <c>x-ms-*</c> headers, resource and query).</summary>
internal sealed class SharedKeyQueuePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] SignedHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var builder = new StringBuilder();
        builder.Append(request.Method.Method).Append('\n');
        foreach (var name in SignedHeaders)
        {
            var value = name == "Content-Length" ? ContentLength(request) : HeaderOrEmpty(request, name);
            builder.Append(value).Append('\n');
        }

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var group in QueryString.Parse(uri.Query)
                     .GroupBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(group.Key).Append(':')
                .Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        var signature = AccountKeySigner.Sign(accountKey, builder.ToString());
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    private static string ContentLength(Request request) =>
        request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Empty;

    private static string HeaderOrEmpty(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
