using Microsoft.Data.Sqlite;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// One open connection and the statements prepared on it, reused call after call so hot paths never re-parse SQL.
/// Used by one caller at a time.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared for the caller to bind.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs a prepared statement that returns nothing and reports how many rows it changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Bind(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a prepared statement and returns the first column of its first row (null when none).</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Bind(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a prepared query; the caller disposes the reader before the next statement.</summary>
    public SqliteDataReader Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Bind(sql, parameters);
        return command.ExecuteReader();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }

    private SqliteCommand Bind(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
