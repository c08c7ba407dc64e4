namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>A policy run's custom status while it runs, and its output when done.</summary>
/// <param name="Shards">The registry's shard count.</param>
/// <param name="ShardsDone">Shards evaluated, with their automatic cases opened (and paid where the data proved everything).</param>
/// <param name="Counts">What the evaluated shards found.</param>
/// <param name="ShardsOpened">Shards whose every case is open, review items included: the run is done when all are.</param>
public sealed record PolicyRunProgress(int Shards, int ShardsDone, PolicyRunCounts Counts, int ShardsOpened = 0);
