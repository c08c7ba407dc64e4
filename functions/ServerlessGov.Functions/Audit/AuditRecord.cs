namespace ServerlessGov.Functions.Audit;

/// <summary>An audit entry as stored: its place in its stream, when it was written, and the chain hashes that seal it.</summary>
/// <param name="Stream">The stream the entry belongs to (one per audited thing, e.g. one policy).</param>
/// <param name="Sequence">1, 2, 3, … within the stream, without gaps.</param>
/// <param name="At">When it was appended (UTC).</param>
/// <param name="Entry">What was recorded.</param>
/// <param name="PreviousHash">The hash of the entry before (the stream's genesis value for the first).</param>
/// <param name="Hash">SHA-256 over the previous hash and this entry's content.</param>
public sealed record AuditRecord(string Stream, long Sequence, DateTimeOffset At, AuditEntry Entry, string PreviousHash, string Hash);
