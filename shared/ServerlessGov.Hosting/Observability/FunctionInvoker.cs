using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;

namespace ServerlessGov.Hosting.Observability;

/// <summary>
/// Runs one invocation of any trigger the same way: a log scope with the function name and invocation id, a span,
/// the per-function metrics, and cancellation at <c>functionTimeout</c>.
/// </summary>
internal sealed class FunctionInvoker(FunctionsTelemetry telemetry, FunctionsHostSettings settings, TimeProvider timeProvider, ILogger<FunctionInvoker> logger)
{
    public async Task<T> InvokeAsync<T>(string functionName, TriggerKind trigger, Func<string, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString();
        var triggerName = trigger.ToString().ToLowerInvariant();
        using var logScope = logger.BeginScope(new Dictionary<string, object>
        {
            ["FunctionName"] = functionName,
            ["InvocationId"] = invocationId,
        });
        using var activity = FunctionsTelemetry.ActivitySource.StartActivity(functionName, trigger == TriggerKind.Http ? ActivityKind.Internal : ActivityKind.Consumer);
        activity?.SetTag("faas.name", functionName);
        activity?.SetTag("faas.trigger", trigger switch { TriggerKind.Http => "http", TriggerKind.Queue => "pubsub", _ => "timer" });
        activity?.SetTag("faas.invocation_id", invocationId);

        using var timeout = new CancellationTokenSource(settings.FunctionTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = timeProvider.GetTimestamp();
        var tags = new TagList { { "function", functionName }, { "trigger", triggerName } };
        Logs.Executing(logger, functionName, triggerName, invocationId);
        try
        {
            var result = await body(invocationId, linked.Token).ConfigureAwait(false);
            var elapsed = timeProvider.GetElapsedTime(started);
            tags.Add("outcome", "success");
            telemetry.Invocations.Add(1, tags);
            telemetry.Duration.Record(elapsed.TotalMilliseconds, tags);
            Logs.Executed(logger, functionName, invocationId, (long)elapsed.TotalMilliseconds);
            return result;
        }
        catch (Exception ex)
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            tags.Add("outcome", "failure");
            telemetry.Invocations.Add(1, tags);
            telemetry.Failures.Add(1, tags);
            telemetry.Duration.Record(elapsed.TotalMilliseconds, tags);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Logs.Failed(logger, ex, functionName, invocationId, (long)elapsed.TotalMilliseconds);
            if (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new FunctionTimeoutException($"'{functionName}' ran longer than functionTimeout ({settings.FunctionTimeout:c}).", ex);
            }

            throw;
        }
    }
}
