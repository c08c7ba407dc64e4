using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// A fact with its provenance: the value, the source that said so, and as of when. Its printed form leaves the value
/// out, so logging a fact never leaks an identity number or a sensitive value.
/// </summary>
public sealed record FactValue(string Fact, RuleValue Value, string Source, DateTimeOffset AsOf)
{
    /// <summary>Set when nobody reported the value: the subject is absent from the source's complete extract (<see cref="Coverage.RegistryCoverage"/>).</summary>
    public Coverage.Absence? Absence { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Fact = ").Append(Fact).Append(", Source = ").Append(Source).Append(", AsOf = ").Append(AsOf.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
