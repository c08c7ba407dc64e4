namespace ServerlessGov.Durable;

/// <summary>One page of instances and the token for the next (null when there is no more).</summary>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
