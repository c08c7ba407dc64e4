using ServerlessGov.Functions.Cases.CaseFlow;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>One evaluation activity's work: one policy version, one business date, one registry shard.</summary>
/// <param name="PolicyId">The policy's stable id.</param>
/// <param name="PolicyVersion">The published version evaluated.</param>
/// <param name="RunDate">The business date decided for.</param>
/// <param name="Shard">The registry shard.</param>
/// <param name="Opens">
/// The only track whose cases this evaluation opens; null opens every case the shard decides (cases already open are
/// found, not opened again). A policy run opens the automatic track first across all its shards, so that payments
/// are not queued behind the opening of review items.
/// </param>
public sealed record ShardWork(string PolicyId, int PolicyVersion, string RunDate, int Shard, CaseTrack? Opens = null);
