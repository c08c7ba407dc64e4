using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// Where a subject lives: a fixed number of shards per kind, each one table partition, so a policy run reads a
/// shard with one partition scan and an import batches writes per partition.
/// </summary>
public static class SubjectShards
{
    /// <summary>The number of shards per subject kind. Fixed for the life of a store: changing it moves every subject.</summary>
    public const int Count = 64;

    /// <summary>The shard of a subject id (FNV-1a of its text, so it needs no lookup).</summary>
    public static int Of(SubjectId subject)
    {
        var hash = 2166136261u;
        foreach (var c in subject.Value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }

    /// <summary>The partition key of a shard of a kind, e.g. <c>r07</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shard is outside [0, <see cref="Count"/>).</exception>
    public static string PartitionKey(SubjectKind kind, int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, Count);
        return string.Create(3, (Prefix(kind), shard), static (span, state) =>
        {
            span[0] = state.Item1;
            span[1] = (char)('0' + (state.shard / 10));
            span[2] = (char)('0' + (state.shard % 10));
        });
    }

    /// <summary>The partition key of a subject.</summary>
    public static string PartitionKey(SubjectId subject) => PartitionKey(KindOf(subject), Of(subject));

    /// <summary>The kind a subject id names (its first letter).</summary>
    /// <exception cref="ArgumentException">The id was not issued by the registry.</exception>
    public static SubjectKind KindOf(SubjectId subject) => TryKindOf(subject, out var kind)
        ? kind
        : throw new ArgumentException("The subject id was not issued by the registry.", nameof(subject));

    /// <summary>The kind a subject id names, when it is one the registry issues.</summary>
    public static bool TryKindOf(SubjectId subject, out SubjectKind kind)
    {
        var value = subject.Value;
        kind = default;
        if (value is null || value.Length < 3 || value[1] != '-')
        {
            return false;
        }

        switch (value[0])
        {
            case 'r':
                kind = SubjectKind.Resident;
                return true;
            case 'h':
                kind = SubjectKind.Household;
                return true;
            case 'e':
                kind = SubjectKind.Enterprise;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The one-letter prefix of a kind's ids and partitions.</summary>
    public static char Prefix(SubjectKind kind) => kind switch
    {
        SubjectKind.Resident => 'r',
        SubjectKind.Household => 'h',
        SubjectKind.Enterprise => 'e',
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
    };
}
