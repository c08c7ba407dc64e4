using System.Text.Json;

namespace ServerlessGov.Functions.Subjects.Changes;

/// <summary>
/// A message on <see cref="QueueName"/>: one source's update of one subject, named by kind and identity number
/// (<see cref="Id"/>) or by pseudonymous id (<see cref="SubjectId"/>), with each fact's value and as-of.
/// </summary>
public sealed record SubjectChangeMessage(string? Kind, string? Id, string? SubjectId, string? Source, IReadOnlyList<SubjectChangeFact>? Facts)
{
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
