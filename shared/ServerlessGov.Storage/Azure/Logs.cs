using Microsoft.Extensions.Logging;

namespace ServerlessGov.Storage.Azure;

/// <summary>The Azure adapter's log events. Never log a URL: entity URLs hold partition and row keys.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Azure Storage {Service} {Method} answered {Status} in {ElapsedMs} ms (attempt {Attempt})")]
    public static partial void Responded(ILogger logger, string service, string method, int status, long elapsedMs, int attempt);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Azure Storage {Service} {Method} answered {Status} {ErrorCode} (attempt {Attempt}); it may be retried")]
    public static partial void RetriableFailure(ILogger logger, string service, string method, int status, string? errorCode, int attempt);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Azure Storage {Service} {Method} failed in transport (attempt {Attempt}): {Error}")]
    public static partial void TransportFailure(ILogger logger, string service, string method, int attempt, string error);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Azure Storage adapter ready: account {Account}, authentication {Authentication}")]
    public static partial void Ready(ILogger logger, string account, string authentication);
}
