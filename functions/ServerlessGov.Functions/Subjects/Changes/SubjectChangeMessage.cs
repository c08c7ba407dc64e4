using System.Text.Json;

namespace ServerlessGov.Functions.Subjects.Changes;

/// <summary>
/// A message on <see cref="QueueName"/>: one source's update of one subject, named by kind and identity number
/// (<see cref="Id"/>) or by pseudonymous id (<see cref="SubjectId"/>), with each fact's value and as-of; or, with
/// <see cref="Coverage"/> and no subject, the source's declaration that an extract it delivered is complete.
/// </summary>
public sealed record SubjectChangeMessage(string? Kind, string? Id, string? SubjectId, string? Source, IReadOnlyList<SubjectChangeFact>? Facts)
{
    /// <summary>A complete extract <see cref="Source"/> declares, sent after the extract's own records.</summary>
    public SubjectChangeCoverage? Coverage { get; init; }

    /// <summary>The queue source systems send updates to.</summary>
    public const string QueueName = "subject-changes";

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", SubjectId = ").Append(SubjectId).Append(", Source = ").Append(Source);
        return true;
    }
}

/// <summary>One fact of a <see cref="SubjectChangeMessage"/>.</summary>
public sealed record SubjectChangeFact(string? Fact, string? AsOf, JsonElement? Value);

/// <summary>The complete extract a <see cref="SubjectChangeMessage"/> declares: the facts, whom it covers (null: every subject) and as of when.</summary>
public sealed record SubjectChangeCoverage(IReadOnlyList<string?>? Facts, SubjectChangeScope? Scope, string? AsOf);

/// <summary>Whom a declared extract covers: the subjects whose <see cref="Fact"/> is one of <see cref="Values"/>.</summary>
public sealed record SubjectChangeScope(string? Fact, IReadOnlyList<string?>? Values);
