namespace ServerlessGov.Storage.Tables;

/// <summary>The table half of the storage port: hands out tables by name. Implementations are thread-safe.</summary>
public interface ITableStore
{
    /// <summary>A client for a table, which may not exist yet (no I/O happens here).</summary>
    /// <exception cref="StorageException">The name breaks Azure's rule: 3–63 letters and digits, starting with a letter (<see cref="StorageErrorKind.InvalidInput"/>).</exception>
    ITable GetTable(string name);
}
