namespace ServerlessGov.Storage;

/// <summary>Which store the app runs on, for health reports and start-up logs (never a secret: no keys, no tokens).</summary>
/// <param name="Provider">The adapter.</param>
/// <param name="Location">The SQLite file, or the storage account's endpoints.</param>
public sealed record StorageDescription(StorageProvider Provider, string Location);
