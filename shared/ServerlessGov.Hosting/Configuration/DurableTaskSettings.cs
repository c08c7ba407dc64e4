namespace ServerlessGov.Hosting.Configuration;

/// <summary>host.json <c>extensions.durableTask</c>: the task hub and how much orchestration work runs at once.</summary>
public sealed record DurableTaskSettings
{
    /// <summary>The task hub's name (3–40 letters and digits, starting with a letter); separates apps on one store.</summary>
    public string HubName { get; init; } = "ServerlessGovHub";

    /// <summary>Control-queue partitions (1–16); changing it breaks in-flight orchestrations.</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>Activities run at once per host.</summary>
    public int MaxConcurrentActivityFunctions { get; init; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Background-lane activities run at once per host, beside the others (this host's own setting,
    /// <c>maxConcurrentBackgroundActivityFunctions</c>; Durable Functions has no background lane).
    /// </summary>
    public int MaxConcurrentBackgroundActivityFunctions { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>Orchestrator episodes run at once per host.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10 * Environment.ProcessorCount;
}
