namespace ServerlessGov.Functions.Audit;

/// <summary>The outcome of re-checking a stream's hash chain: intact, or the first entry that no longer matches.</summary>
/// <param name="Stream">The stream checked.</param>
/// <param name="Entries">How many entries were read.</param>
/// <param name="FirstBrokenSequence">The first entry whose content, order or link was changed; null when intact.</param>
/// <param name="Problem">What is wrong with it, for the auditor.</param>
public sealed record AuditVerification(string Stream, long Entries, long? FirstBrokenSequence, string? Problem)
{
    /// <summary>True when every entry still matches its hash and links to the one before.</summary>
    public bool IsIntact => FirstBrokenSequence is null;
}
