namespace ServerlessGov.Functions.Cases.Limits;

/// <summary>The slots a case asks to hold (one per household, one policy of an exclusion group).</summary>
public sealed record SlotClaim(string CaseInstanceId, IReadOnlyList<string> Slots);
