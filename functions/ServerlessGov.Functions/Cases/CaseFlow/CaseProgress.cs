namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>A case's custom status: its stage, the amount, and when the bank accepted the instruction.</summary>
public sealed record CaseProgress(CaseStage Stage, long? AmountFen, DateTimeOffset? InstructedAt = null, string? Detail = null);
