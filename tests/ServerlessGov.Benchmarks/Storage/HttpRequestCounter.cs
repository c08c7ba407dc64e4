using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Benchmarks.Storage;

/// <summary>
/// Counts every HTTP request the Azure adapter puts on the wire, retries included, and the time spent on the wire
/// (sending, Azurite's work, reading the response): a per-retry pipeline policy, so what it times excludes the
/// adapter's and the SDK's own work before and after.
/// </summary>
internal sealed class HttpRequestCounter : HttpPipelinePolicy
{
    private long _requests;
    private long _wireTicks;

    public long Requests => Interlocked.Read(ref _requests);

    public TimeSpan WireTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _wireTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _wireTicks, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage adapter is async-only.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _wireTicks, Stopwatch.GetTimestamp() - started);
        }
    }
}
