using Microsoft.Extensions.Logging;

namespace ServerlessGov.Hosting;

/// <summary>Every log line the host writes, with stable event ids (5000–5099).</summary>
internal static partial class Logs
{
    [LoggerMessage(5000, LogLevel.Information, "Functions ({Count}):")]
    public static partial void FunctionsListed(ILogger logger, int count);

    [LoggerMessage(5001, LogLevel.Information, "  {FunctionName}: {Trigger} {Target}")]
    public static partial void FunctionListed(ILogger logger, string functionName, string trigger, string target);

    [LoggerMessage(5002, LogLevel.Warning, "host.json key '{Key}' is not supported by this host and is ignored")]
    public static partial void UnknownHostKey(ILogger logger, string key);

    [LoggerMessage(5003, LogLevel.Information, "Executing '{FunctionName}' (trigger: {Trigger}, id: {InvocationId})")]
    public static partial void Executing(ILogger logger, string functionName, string trigger, string invocationId);

    [LoggerMessage(5004, LogLevel.Information, "Executed '{FunctionName}' (Succeeded, id: {InvocationId}, duration: {DurationMs} ms)")]
    public static partial void Executed(ILogger logger, string functionName, string invocationId, long durationMs);

    [LoggerMessage(5005, LogLevel.Error, "Executed '{FunctionName}' (Failed, id: {InvocationId}, duration: {DurationMs} ms)")]
    public static partial void Failed(ILogger logger, Exception exception, string functionName, string invocationId, long durationMs);

    [LoggerMessage(5010, LogLevel.Warning, "Queue '{Queue}': message {MessageId} moved to '{PoisonQueue}' after {DequeueCount} receives; the reason is in the poison message")]
    public static partial void MovedToPoison(ILogger logger, string queue, string messageId, string poisonQueue, long dequeueCount);

    [LoggerMessage(5011, LogLevel.Warning, "Queue '{Queue}': polling failed; retrying after backoff")]
    public static partial void PollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(5012, LogLevel.Warning, "Queue '{Queue}': message {MessageId} could not be renewed or settled: it was received again elsewhere and may run twice")]
    public static partial void MessageLost(ILogger logger, Exception exception, string queue, string messageId);

    [LoggerMessage(5013, LogLevel.Warning, "Queue '{Queue}': poison copy of message {MessageId} is over the size limit; the original body was moved without its reason wrapper")]
    public static partial void PoisonWrapperTooLarge(ILogger logger, string queue, string messageId);

    [LoggerMessage(5014, LogLevel.Warning, "Queue '{Queue}': message {MessageId} released for retry after its failure could not be recorded")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string queue, string messageId);

    [LoggerMessage(5020, LogLevel.Information, "Timer '{FunctionName}': this host holds the schedule; next occurrence {Next:o}")]
    public static partial void TimerLeaseAcquired(ILogger logger, string functionName, DateTimeOffset next);

    [LoggerMessage(5021, LogLevel.Warning, "Timer '{FunctionName}': lease lost to another host")]
    public static partial void TimerLeaseLost(ILogger logger, string functionName);

    [LoggerMessage(5022, LogLevel.Warning, "Timer '{FunctionName}': storage call failed; retrying")]
    public static partial void TimerStorageFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(5023, LogLevel.Warning, "Timer '{FunctionName}': occurrence {Occurrence:o} is past due; running it once")]
    public static partial void TimerPastDue(ILogger logger, string functionName, DateTimeOffset occurrence);

    [LoggerMessage(5030, LogLevel.Information, "Host stopping: waiting up to {Timeout} for {Count} running invocations")]
    public static partial void Draining(ILogger logger, TimeSpan timeout, int count);

    [LoggerMessage(5032, LogLevel.Warning, "Host stopped with invocations still running {Grace} after they were cancelled; their messages reappear after their visibility timeout")]
    public static partial void AbandonedOnShutdown(ILogger logger, TimeSpan grace);

    [LoggerMessage(5031, LogLevel.Error, "Unhandled exception for {Method} {Route}")]
    public static partial void UnhandledHttpException(ILogger logger, Exception exception, string method, string route);

    [LoggerMessage(5040, LogLevel.Information, "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void RequestServed(ILogger logger, string method, string path, int statusCode, long elapsedMs);

    [LoggerMessage(5041, LogLevel.Information, "  {FunctionName}: disabled by its AzureWebJobs.<name>.Disabled setting")]
    public static partial void FunctionDisabled(ILogger logger, string functionName);
}
