namespace ServerlessGov.Storage.Sqlite;

/// <summary>Where the SQLite store keeps its single database file and how long a write waits for another process's lock.</summary>
public sealed record SqliteStorageOptions
{
    /// <summary>The database file; its directory is created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// How long a statement waits for a lock held by another connection or process before the call fails with
    /// <see cref="StorageErrorKind.Throttled"/>.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most connections kept open for reads; writes use one more, dedicated connection.</summary>
    public int MaxReadConnections { get; init; } = 8;
}
