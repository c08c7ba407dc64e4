namespace ServerlessGov.Testing.Storage;

/// <summary>
/// Fresh, valid table and queue names, so tests isolate themselves by name and the same suite can share one store
/// (one SQLite file, one Azurite) across tests running in parallel.
/// </summary>
public static class UniqueNames
{
    /// <summary>A table name (letters and digits, starting with a letter) never handed out before.</summary>
    public static string Table(string prefix = "t") => Clip(prefix + Guid.NewGuid().ToString("N"));

    /// <summary>A queue name (lowercase letters and digits) never handed out before.</summary>
    public static string Queue(string prefix = "q") => Clip(prefix.ToLowerInvariant() + Guid.NewGuid().ToString("N"));

    private static string Clip(string name) => name.Length > 63 ? name[..63] : name;
}
