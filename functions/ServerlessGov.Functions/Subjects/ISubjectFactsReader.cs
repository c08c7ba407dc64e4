using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects;

/// <summary>
/// How eligibility reads the subject registry: a fixed number of shards that a policy run fans out over, each read
/// as a stream, and single subjects for re-evaluation. Implemented by the registry; read by dry-runs and policy runs.
/// </summary>
public interface ISubjectFactsReader
{
    /// <summary>How many shards the registry is split into (stable for the life of a store).</summary>
    int ShardCount { get; }

    /// <summary>Streams every subject of <paramref name="kind"/> in <paramref name="shard"/>, in a stable order, without holding the shard in memory.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shard"/> is not in [0, <see cref="ShardCount"/>).</exception>
    IAsyncEnumerable<SubjectRecord> ReadShardAsync(SubjectKind kind, int shard, CancellationToken cancellationToken = default);

    /// <summary>The subject with this pseudonymous id, or null when the registry does not know it.</summary>
    Task<SubjectRecord?> GetAsync(SubjectId subject, CancellationToken cancellationToken = default);

    /// <summary>The residents whose household registry record now names <paramref name="household"/> (a household pseudonym), for "one per household".</summary>
    IAsyncEnumerable<SubjectRecord> ReadHouseholdAsync(string household, CancellationToken cancellationToken = default);

    /// <summary>The complete extracts sources declared, applied as subjects' facts are loaded (<see cref="RegistryCoverage.Load"/>).</summary>
    Task<RegistryCoverage> GetCoverageAsync(CancellationToken cancellationToken = default);
}
