using Microsoft.Extensions.Logging;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>The SQLite adapter's log messages; event ids 1100–1199 belong to it.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "SQLite store opened at {Path} (WAL, schema version {Version})")]
    public static partial void StoreOpened(this ILogger logger, string path, int version);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "SQLite store stayed locked by another connection for longer than {BusyTimeout}; the call fails as throttled")]
    public static partial void StoreBusy(this ILogger logger, TimeSpan busyTimeout, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "SQLite store call failed with SQLite error {SqliteError}")]
    public static partial void StoreFailed(this ILogger logger, int sqliteError, Exception exception);
}
