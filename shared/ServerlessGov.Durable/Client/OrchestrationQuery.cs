namespace ServerlessGov.Durable;

/// <summary>A filter over instances, one page at a time. Immutable.</summary>
/// <param name="Statuses">Only these statuses; null or empty means any.</param>
/// <param name="CreatedFrom">Only instances created at or after this instant.</param>
/// <param name="CreatedTo">Only instances created before this instant.</param>
/// <param name="InstanceIdPrefix">Only ids starting with this (ordinal).</param>
/// <param name="PageSize">At most this many per page (1–1,000).</param>
/// <param name="ContinuationToken">The token of the previous page.</param>
public sealed record OrchestrationQuery(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? InstanceIdPrefix = null,
    int PageSize = 100,
    string? ContinuationToken = null);
