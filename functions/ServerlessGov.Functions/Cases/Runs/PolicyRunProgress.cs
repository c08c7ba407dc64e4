namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>A policy run's custom status while it runs, and its output when done.</summary>
public sealed record PolicyRunProgress(int Shards, int ShardsDone, PolicyRunCounts Counts);
