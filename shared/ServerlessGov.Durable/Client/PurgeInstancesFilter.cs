namespace ServerlessGov.Durable;

/// <summary>Which terminal instances a bulk purge removes. Immutable.</summary>
/// <param name="CreatedFrom">Only instances created at or after this instant.</param>
/// <param name="CreatedTo">Only instances created before this instant.</param>
/// <param name="Statuses">Only these terminal statuses; null means Completed, Failed and Terminated.</param>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);
