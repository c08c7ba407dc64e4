using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.MainJob;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The main job's review reasons say whether a fact went to review because of an absence from a complete extract or
/// because of a value a source reported: the reason a reviewer reads names which it was.
/// </summary>
public sealed class ReviewReasonTextTests
{
    private static readonly DataDictionary Dictionary = DataDictionary.Default;
    private static readonly BusinessDate March = new(2026, 3, 1);
    private static readonly DateTimeOffset Recent = new(2026, 2, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly CoverageScope Yuhang = new("household.district", ["余杭区"]);

    private static string ReasonFor(IEnumerable<CoverageDeclaration> extracts, params FactValue[] observations)
    {
        var facts = new SubjectFacts(Dictionary);
        var resident = new[]
        {
            new FactValue("birth_date", RuleValue.Date(new DateOnly(1940, 1, 5)), "hukou", Recent),
            new FactValue("household.district", RuleValue.Text("余杭区"), "hukou", Recent),
        };
        new RegistryCoverage(Dictionary, extracts).Load(facts, SubjectKind.Resident, [.. resident, .. observations], March);
        var policy = SamplePolicies.Load(Dictionary).Single(p => p.Id == "old-age-allowance");
        var decision = new CompiledPolicy(policy, Dictionary, March, March, new BusinessDate(2026, 3, 31)).Decide(facts);
        Assert.Equal(Truth.Unknown, decision.Outcome);
        return ReviewReasonText.Of(decision.UnknownReasons.Single());
    }

    [Fact]
    public void Of_AbsenceFromAnExtractOlderThanTheWindow_SaysTheCompleteExtractIsOutOfDate()
    {
        var oldExtract = new CoverageDeclaration("police", ["deceased"], Yuhang, March.StartUtc.AddDays(-45));

        Assert.Equal("deceased: police complete extract out of date", ReasonFor([oldExtract]));
    }

    [Fact]
    public void Of_ReportedValueOlderThanTheWindow_SaysTheSourcesValueIsOutOfDate()
    {
        var oldReport = new FactValue("deceased", RuleValue.Bool(false), "police", March.StartUtc.AddDays(-45));

        Assert.Equal("deceased: police value out of date", ReasonFor([], oldReport));
    }

    [Fact]
    public void Of_FreshAbsenceAgainstAFreshDeathFromAnotherSource_SaysOneSideIsAnAbsence()
    {
        var freshExtract = new CoverageDeclaration("police", ["deceased"], Yuhang, Recent);
        var death = new FactValue("deceased", RuleValue.Bool(true), "civil_affairs", Recent);

        Assert.Equal("deceased: civil_affairs and police disagree (one by absence from a complete extract)", ReasonFor([freshExtract], death));
    }

    [Fact]
    public void Of_NoExtractCoversTheResident_SaysMissing()
    {
        var elsewhere = new CoverageDeclaration("police", ["deceased"], new CoverageScope("household.district", ["临平区"]), Recent);

        Assert.Equal("deceased: missing", ReasonFor([elsewhere]));
    }
}
