namespace ServerlessGov.Benchmarks.Durable.SideBySide;

/// <summary>The three engines the side-by-side benchmark runs HelloCities5 on.</summary>
public enum HelloCities5Engine
{
    /// <summary>The embedded engine on SQLite (one transaction per episode).</summary>
    EmbeddedSqlite,

    /// <summary>The embedded engine on Azurite (the outbox path, as on Azure Storage).</summary>
    EmbeddedAzurite,

    /// <summary>DurableTask.Core 3.11.3 with DurableTask.AzureStorage 2.11.3 on the same Azurite: Durable Functions' engine.</summary>
    DurableTaskAzureStorage,
}
