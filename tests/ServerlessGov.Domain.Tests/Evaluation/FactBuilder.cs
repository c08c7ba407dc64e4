using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Domain.Tests.Evaluation;

/// <summary>Builds subject facts for tests with readable provenance.</summary>
internal static class FactBuilder
{
    public static readonly DateTimeOffset Recent = new(2026, 2, 28, 2, 0, 0, TimeSpan.Zero);

    public static SubjectFacts Resident(params (string Fact, RuleValue Value, string Source)[] facts)
    {
        var subject = new SubjectFacts(DataDictionary.Default);
        foreach (var (fact, value, source) in facts)
        {
            subject.Add(new FactValue(fact, value, source, Recent));
        }

        return subject;
    }

    public static RuleValue Date(string iso) => RuleValue.Date(DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));
}
