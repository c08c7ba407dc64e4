using System.Text;
using System.Text.Json;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Proofs;

/// <summary>
/// Writes the machine-readable audit trace of a decision (<c>"traceVersion": 2</c>): policy and dictionary versions,
/// dates, outcome, amount and the proof tree with every fact's value (identifiers masked), source and as-of; a value
/// taken from a subject's absence from a complete extract carries <c>absentFrom</c>, and a stale disagreeing value
/// set aside for a fresh one is under <c>disregarded</c>.
/// </summary>
public static class DecisionTraceWriter
{
    /// <summary>The trace format version; bump it when the shape changes.</summary>
    public const int TraceVersion = 2;

    /// <summary>The trace as JSON.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="decision"/> is null.</exception>
    /// <exception cref="Rules.RuleException">The proof is deeper or larger than <see cref="Rules.RuleLimits"/> allow.</exception>
    public static string Write(PolicyDecision decision, SubjectId subject)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Rules.RuleLimits.Enforce(decision.Proof);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("traceVersion", TraceVersion);
            json.WriteString("policyId", decision.PolicyId);
            json.WriteNumber("policyVersion", decision.PolicyVersion.Number);
            json.WriteNumber("dictionaryVersion", decision.DictionaryVersion);
            json.WriteString("subject", subject.Value);
            json.WriteString("evaluationDate", decision.EvaluationDate.ToString());
            json.WriteString("periodStart", decision.PeriodStart.ToString());
            json.WriteString("periodEnd", decision.PeriodEnd.ToString());
            json.WriteString("outcome", Name(decision.Outcome));
            if (decision.Amount is { } amount)
            {
                json.WriteString("amount", amount.ToInvariantString());
            }

            if (decision.EligibleDays is { } days)
            {
                json.WriteNumber("eligibleDays", days);
            }

            json.WritePropertyName("amountReasons");
            WriteReasons(json, decision.AmountReasons);
            json.WritePropertyName("proof");
            WriteClause(json, decision.Proof);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteClause(Utf8JsonWriter json, ClauseProof clause)
    {
        json.WriteStartObject();
        json.WriteString("clause", clause.Clause);
        json.WriteString("outcome", Name(clause.Outcome));
        if (clause.Facts.Count > 0)
        {
            json.WriteStartArray("facts");
            foreach (var fact in clause.Facts)
            {
                WriteFact(json, fact);
            }

            json.WriteEndArray();
        }

        if (clause.Reasons.Count > 0)
        {
            json.WritePropertyName("unknownBecause");
            WriteReasons(json, clause.Reasons);
        }

        if (clause.Children.Count > 0)
        {
            json.WriteStartArray("children");
            foreach (var child in clause.Children)
            {
                WriteClause(json, child);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteFact(Utf8JsonWriter json, FactEvidence fact)
    {
        json.WriteStartObject();
        json.WriteString("fact", fact.Fact);
        json.WriteString("value", fact.Value);
        json.WriteString("source", fact.Source);
        json.WriteString("asOf", Instant(fact.AsOf));
        json.WriteString("status", char.ToLowerInvariant(fact.Status.ToString()[0]) + fact.Status.ToString()[1..]);
        WriteAbsence(json, fact.Absence);
        if (fact.Disregarded is { } disregarded)
        {
            json.WritePropertyName("disregarded");
            WriteFact(json, disregarded);
        }

        json.WriteEndObject();
    }

    private static void WriteAbsence(Utf8JsonWriter json, Absence? absence)
    {
        if (absence is null)
        {
            return;
        }

        json.WriteStartObject("absentFrom");
        json.WriteString("source", absence.Source);
        json.WriteString("asOf", Instant(absence.AsOf));
        json.WriteString("scope", absence.Scope.Key);
        json.WriteEndObject();
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteReasons(Utf8JsonWriter json, IEnumerable<UnknownReason> reasons)
    {
        json.WriteStartArray();
        foreach (var reason in reasons)
        {
            json.WriteStartObject();
            json.WriteString("kind", char.ToLowerInvariant(reason.Kind.ToString()[0]) + reason.Kind.ToString()[1..]);
            json.WriteString("subject", reason.Subject);
            if (reason.Source is not null)
            {
                json.WriteString("source", reason.Source);
            }

            if (reason.AsOf is { } asOf)
            {
                json.WriteString("asOf", Instant(asOf));
            }

            if (reason.ConflictingSource is not null)
            {
                json.WriteString("conflictingSource", reason.ConflictingSource);
            }

            WriteAbsence(json, reason.Absence);

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Name(Truth truth) => truth switch
    {
        Truth.Satisfied => "satisfied",
        Truth.Unknown => "unknown",
        _ => "notSatisfied",
    };
}
