namespace ServerlessGov.Functions.Enterprises.Digests;

/// <summary>A message on <see cref="QueueName"/>: send enterprise <see cref="EnterpriseId"/> its digest for ISO week <see cref="Week"/>.</summary>
/// <param name="EnterpriseId">The enterprise's pseudonymous id.</param>
/// <param name="Week">The ISO week, <c>2026-W48</c> (of the Asia/Shanghai date the digest was due).</param>
/// <param name="OpenMatches">Its open matches when the digest was scheduled (at most <see cref="MaxItems"/>).</param>
public sealed record WeeklyDigestRequest(string EnterpriseId, string Week, IReadOnlyList<DigestItem> OpenMatches)
{
    /// <summary>The queue the digests wait on.</summary>
    public const string QueueName = "enterprise-digests";

    /// <summary>The opt-out category of digests.</summary>
    public const string Category = "digest";

    /// <summary>At most this many matches in one digest (keeps the message far below the queue's 64 KiB).</summary>
    public const int MaxItems = 100;
}
