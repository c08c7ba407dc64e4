using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// One fact as the registry keeps it, with its full provenance: the source that said it, as of when, and when and by
/// which import or message it arrived. At most one is kept per (fact, source) of a subject: the newest as-of.
/// </summary>
public sealed record StoredObservation(string Fact, string Source, RuleValue Value, DateTimeOffset AsOf, DateTimeOffset ImportedAt, string BatchId)
{
    /// <summary>The observation as evaluation reads it.</summary>
    public FactValue ToFactValue() => new(Fact, Value, Source, AsOf);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Fact = ").Append(Fact).Append(", Source = ").Append(Source).Append(", BatchId = ").Append(BatchId);
        return true;
    }
}
