using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Storage.Tests.Azure.Fakes;

/// <summary>
/// A transport that records each request's method, URL and headers and answers with a canned response; used where a
/// real server cannot be (bearer tokens require https, and nothing here serves TLS).
/// </summary>
internal sealed class CapturingTransport(Func<Request, CannedResponse> respond) : HttpPipelineTransport
{
    public List<(string Method, Uri Uri, Dictionary<string, string> Headers)> Requests { get; } = [];

    public override Request CreateRequest() => HttpClientTransport.Shared.CreateRequest();

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        Process(message);
        return ValueTask.CompletedTask;
    }

    public override void Process(HttpMessage message)
    {
        var request = message.Request;
        lock (Requests)
        {
            Requests.Add((request.Method.Method, request.Uri.ToUri(), request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase)));
        }

        message.Response = respond(request);
    }
}
