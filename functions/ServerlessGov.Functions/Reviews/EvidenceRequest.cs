namespace ServerlessGov.Functions.Reviews;

/// <summary>Evidence asked of the resident (by a reviewer) or supplied by them (document references).</summary>
public sealed record EvidenceRequest(IReadOnlyList<string>? Items);
