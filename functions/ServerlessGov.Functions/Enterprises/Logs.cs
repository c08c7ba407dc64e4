using Microsoft.Extensions.Logging;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>The enterprise feature's log events (ids 4900–4999). Enterprises are named by pseudonymous id only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4901, Level = LogLevel.Information, Message = "Notification {EventId} published (attempt {Attempt})")]
    public static partial void Published(ILogger logger, string eventId, long attempt);

    [LoggerMessage(EventId = 4902, Level = LogLevel.Information, Message = "Notification {EventId} already {State}; not published again")]
    public static partial void AlreadyHandled(ILogger logger, string eventId, DeliveryState state);

    [LoggerMessage(EventId = 4903, Level = LogLevel.Information, Message = "Notification {EventId} withheld: {Reason}")]
    public static partial void Withheld(ILogger logger, string eventId, string reason);

    [LoggerMessage(EventId = 4904, Level = LogLevel.Warning, Message = "Notification {EventId} failed on attempt {Attempt} of {MaxAttempts}")]
    public static partial void AttemptFailed(ILogger logger, Exception exception, string eventId, long attempt, int maxAttempts);

    [LoggerMessage(EventId = 4905, Level = LogLevel.Error, Message = "Notification {EventId} failed for good after {Attempt} attempts; it goes to the poison queue")]
    public static partial void FailedForGood(ILogger logger, string eventId, long attempt);

    [LoggerMessage(EventId = 4906, Level = LogLevel.Information, Message = "Receiver got event {EventId} of type {EventType}")]
    public static partial void Received(ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 4907, Level = LogLevel.Information, Message = "Receiver answered a subscription validation")]
    public static partial void Validated(ILogger logger);

    [LoggerMessage(EventId = 4908, Level = LogLevel.Warning, Message = "Receiver refused an event delivery ({Status}): the aeg-sas-key header {Rule}")]
    public static partial void ReceiverRefused(ILogger logger, int status, string rule);

    [LoggerMessage(EventId = 4910, Level = LogLevel.Information, Message = "Enterprise policy {PolicyId} v{Version} published: matching fanned out over {Shards} shards")]
    public static partial void PublishFannedOut(ILogger logger, string policyId, int version, int shards);

    [LoggerMessage(EventId = 4911, Level = LogLevel.Information, Message = "Policy {PolicyId} v{Version}, shard {Shard}: {Queued} notifications queued")]
    public static partial void ShardMatched(ILogger logger, string policyId, int version, int shard, int queued);

    [LoggerMessage(EventId = 4912, Level = LogLevel.Information, Message = "Enterprise {EnterpriseId} changed: {Queued} notifications queued")]
    public static partial void ProfileMatched(ILogger logger, string enterpriseId, int queued);

    [LoggerMessage(EventId = 4913, Level = LogLevel.Information, Message = "Weekly digests of {Week}: {Queued} queued")]
    public static partial void DigestsQueued(ILogger logger, string week, int queued);
}
