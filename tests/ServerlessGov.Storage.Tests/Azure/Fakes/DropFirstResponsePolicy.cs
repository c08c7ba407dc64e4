using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Storage.Tests.Azure.Fakes;

/// <summary>
/// A transport fault after the fact: the first request reaches the server and is applied, then its response is
/// thrown away as if the connection dropped, so the pipeline retries a request that already succeeded.
/// </summary>
internal sealed class DropFirstResponsePolicy : HttpPipelinePolicy
{
    private int _calls;

    public int Calls => _calls;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Interlocked.Increment(ref _calls) == 1)
        {
            throw new IOException("The connection was reset after the server answered (injected by the test).");
        }
    }
}
