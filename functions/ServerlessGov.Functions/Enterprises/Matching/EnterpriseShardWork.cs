namespace ServerlessGov.Functions.Enterprises.Matching;

/// <summary>
/// A message on <see cref="QueueName"/>: match the enterprises of one registry shard against one published policy
/// version as of <see cref="Date"/>. A publish fans out into one per shard so hosts share the work.
/// </summary>
/// <param name="PolicyId">The published policy.</param>
/// <param name="PolicyVersion">Its version.</param>
/// <param name="Date">The business date (Asia/Shanghai, <c>yyyy-MM-dd</c>) the publish was matched on.</param>
/// <param name="Shard">The registry shard.</param>
public sealed record EnterpriseShardWork(string PolicyId, int PolicyVersion, string Date, int Shard)
{
    /// <summary>The queue the per-shard matching waits on.</summary>
    public const string QueueName = "enterprise-shard-matching";
}
