namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// The database layout. Tables and queues are rows, not SQLite tables, so creating or deleting one never changes
/// the schema (which would invalidate every prepared statement in every process).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Bumped when the layout changes; a file with a newer version is refused.</summary>
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS tables (
            id INTEGER PRIMARY KEY,
            name_key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS entities (
            tbl INTEGER NOT NULL,
            pk BLOB NOT NULL,
            rk BLOB NOT NULL,
            etag TEXT NOT NULL,
            ts INTEGER NOT NULL,
            props BLOB NOT NULL,
            PRIMARY KEY (tbl, pk, rk)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS queues (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS messages (
            seq INTEGER PRIMARY KEY,
            queue INTEGER NOT NULL,
            id TEXT NOT NULL UNIQUE,
            pop TEXT NOT NULL,
            body BLOB NOT NULL,
            dequeues INTEGER NOT NULL,
            inserted INTEGER NOT NULL,
            expires INTEGER,
            visible INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS messages_by_visibility ON messages (queue, visible, seq);
        """;
}
