using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace ServerlessGov.Storage.Azure.Pipeline;

/// <summary>
/// Runs once per attempt in the SDK clients' pipelines: counts the attempts of a call (so an error after a retry can
/// say so; see <see cref="AzureCall"/>) and logs each by service, verb and status only. URLs are never logged, because
/// entity URLs carry partition and row keys.
/// </summary>
internal sealed class AttemptPolicy(string service, ILogger logger) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage adapter is async-only.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var attempt = 1;
        if (message.TryGetProperty(AzureCall.AttemptsProperty, out var value) && value is AzureCall.Attempts attempts)
        {
            attempt = attempts.Next();
        }

        var started = Stopwatch.GetTimestamp();
        var method = message.Request.Method.Method;
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            Logs.TransportFailure(logger, service, method, attempt, ex.GetType().Name);
            throw;
        }

        var status = message.Response.Status;
        if (message.ResponseClassifier.IsRetriableResponse(message))
        {
            message.Response.Headers.TryGetValue("x-ms-error-code", out var code);
            Logs.RetriableFailure(logger, service, method, status, code, attempt);
        }
        else
        {
            var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Logs.Responded(logger, service, method, status, elapsedMs, attempt);
        }
    }
}
