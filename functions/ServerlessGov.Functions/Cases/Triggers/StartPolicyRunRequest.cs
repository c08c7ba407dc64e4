namespace ServerlessGov.Functions.Cases.Triggers;

/// <summary>An operator's request to run a published policy version now; the label separates it from the day's other runs.</summary>
public sealed record StartPolicyRunRequest(string? PolicyId, int? Version, string? Label);
