namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>One evaluation activity's work: one policy version, one business date, one registry shard.</summary>
public sealed record ShardWork(string PolicyId, int PolicyVersion, string RunDate, int Shard);
