namespace ServerlessGov.Functions.Policies;

/// <summary>
/// Sent on <see cref="QueueName"/> once a policy version is published (after the publish committed), so that a
/// policy run starts for it. Sending it twice is harmless: runs have deterministic ids.
/// </summary>
public sealed record PolicyPublished(string PolicyId, int Version, DateTimeOffset PublishedAt)
{
    /// <summary>The queue the publish API sends these to and the policy-run starter reads.</summary>
    public const string QueueName = "policy-runs";

    /// <summary>The enterprise matcher's copy of every announcement (a queue has one consumer, so the relay sends to both).</summary>
    public const string EnterpriseQueueName = "enterprise-policy-matching";
}
