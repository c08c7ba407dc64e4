namespace ServerlessGov.Storage;

/// <summary>Which adapter backs the storage ports, chosen by the <c>Storage:Provider</c> setting.</summary>
public enum StorageProvider
{
    /// <summary>The embedded default: one SQLite file, no other process needed.</summary>
    Sqlite,

    /// <summary>Azure Table and Queue storage (or Azurite), reached through <c>AzureWebJobsStorage</c>.</summary>
    AzureStorage,
}
