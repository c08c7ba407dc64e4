using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Benchmarks.Storage;

/// <summary>Counts every HTTP request the Azure adapter puts on the wire, retries included (a per-retry pipeline policy).</summary>
internal sealed class HttpRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);
}
