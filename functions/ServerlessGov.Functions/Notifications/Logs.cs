using Microsoft.Extensions.Logging;

namespace ServerlessGov.Functions.Notifications;

/// <summary>The notification feature's log events (ids 4600–4649). Entries are named by their opaque id, never by a person or an address.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Notification {EntryId} delivered by {Channel}")]
    public static partial void Delivered(ILogger logger, string entryId, NotificationChannel channel);
}
