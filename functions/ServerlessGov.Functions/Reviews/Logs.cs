using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>The review feature's log events (ids 4300–4399). Items are named by their opaque id, never by a person.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Review item {ItemId} opened ({Priority}, group {Group})")]
    public static partial void Opened(ILogger logger, string itemId, ReviewPriority priority, string group);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Review item {ItemId} decided (approved: {Approved})")]
    public static partial void Decided(ILogger logger, string itemId, bool approved);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "Review item {ItemId}: {Deadline} reached {Level}; {Sent} new notification(s)")]
    public static partial void Escalated(ILogger logger, string itemId, ReviewDeadline deadline, EscalationLevel level, int sent);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Debug, Message = "Review item {ItemId}: escalation {Deadline} {Level} is not due (or no longer applies); skipped")]
    public static partial void EscalationNotDue(ILogger logger, string itemId, ReviewDeadline deadline, EscalationLevel level);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "Escalation for unknown review item {ItemId} dropped")]
    public static partial void EscalationForUnknownItem(ILogger logger, string itemId);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Information, Message = "Review sweep{PastDue}: {Items} open item(s), {Queued} escalation(s) queued")]
    public static partial void Swept(ILogger logger, string pastDue, int items, int queued);

    [LoggerMessage(EventId = 4307, Level = LogLevel.Information, Message = "Review item {ItemId}: priority is now {Priority}")]
    public static partial void PriorityChanged(ILogger logger, string itemId, ReviewPriority priority);

    [LoggerMessage(EventId = 4308, Level = LogLevel.Information, Message = "Review item {ItemId}: {Deadline} deadline missed when someone acted; breach queued for escalation")]
    public static partial void BreachRecorded(ILogger logger, string itemId, ReviewDeadline deadline);

    [LoggerMessage(EventId = 4309, Level = LogLevel.Warning, Message = "Review item {ItemId}: the {Deadline} breach could not be queued; the sweep will queue it")]
    public static partial void BreachNotQueued(ILogger logger, string itemId, ReviewDeadline deadline, Exception exception);
}
