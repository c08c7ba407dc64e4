namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>Starts a policy run: which published version, as of which business date (<c>yyyy-MM-dd</c>, Asia/Shanghai).</summary>
/// <param name="PolicyId">The policy's stable id.</param>
/// <param name="PolicyVersion">The published version run.</param>
/// <param name="RunDate">The business date decided for.</param>
/// <param name="Shards">
/// The registry's shard count when the starter knows it (fixed for the life of a store), so the run fans out in its
/// first episode; null asks the registry through an activity first (runs started before the count was passed).
/// </param>
public sealed record PolicyRunInput(string PolicyId, int PolicyVersion, string RunDate, int? Shards = null);
