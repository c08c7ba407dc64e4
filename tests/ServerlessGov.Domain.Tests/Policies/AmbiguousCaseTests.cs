using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Proofs;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Text;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Policies;

/// <summary>
/// What the cases the documents left open do (docs/RULES.md, "Cases at the edges"), and Sichuan's rule: the
/// no-application track only where scope, standard and comparison data are all complete. Each decision is taken on the
/// compiled path (what a run decides with) and on the interpreter (what builds the proof); they must agree.
/// </summary>
public class AmbiguousCaseTests
{
    private static readonly DataDictionary Dictionary = DataDictionary.Default;
    private static readonly IReadOnlyList<PolicyDocument> Samples = SamplePolicies.Load(Dictionary);
    private static readonly BusinessDate March = new(2026, 3, 1);
    private static readonly BusinessDate MarchEnd = new(2026, 3, 31);
    private static readonly DateTimeOffset Recent = new(2026, 2, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly CoverageScope Yuhang = new("household.district", ["余杭区"]);

    private static PolicyDocument Policy(string id) => Samples.Single(p => p.Id == id);

    // The compiled rule decides whether a run looks further; the full decision (proof and amount) is the interpreter's.
    private static PolicyDecision? Decide(string policy, SubjectFacts facts, BusinessDate? evaluationDate = null)
    {
        var compiled = new CompiledPolicy(Policy(policy), Dictionary, evaluationDate ?? March, March, MarchEnd);
        var full = compiled.Decide(facts);
        var rule = compiled.Evaluate(facts);
        Assert.Equal(full.Proof.Outcome, rule);
        var relevant = compiled.DecideIfRelevant(facts);
        Assert.Equal(rule == Truth.NotSatisfied ? null : full.Outcome, relevant?.Outcome);
        return full;
    }

    private static SubjectFacts Facts(IEnumerable<CoverageDeclaration> extracts, params (string Fact, RuleValue Value, string Source)[] facts) =>
        Facts(extracts, facts.Select(f => new FactValue(f.Fact, f.Value, f.Source, Recent)).ToArray());

    private static SubjectFacts Facts(IEnumerable<CoverageDeclaration> extracts, params FactValue[] observations)
    {
        var subject = new SubjectFacts(Dictionary);
        new RegistryCoverage(Dictionary, extracts).Load(subject, SubjectKind.Resident, observations, March);
        return subject;
    }

    private static CoverageDeclaration DeathRegistry(CoverageScope scope, DateTimeOffset? asOf = null) => new("police", ["deceased"], scope, asOf ?? Recent);

    private static (string, RuleValue, string)[] HardshipCase() =>
    [
        ("disability.certified", RuleValue.Bool(true), "cdpf"),
        ("household.dibao", RuleValue.Bool(true), "civil_affairs"),
        ("household.district", RuleValue.Text("余杭区"), "hukou"),
    ];

    [Fact]
    public void SichuanRule_ScopeStandardAndComparisonDataComplete_NoApplicationTrack()
    {
        var decision = Decide("disabled-hardship-living", Facts([DeathRegistry(Yuhang)], HardshipCase()))!;

        Assert.Equal((Truth.Satisfied, Money.Parse("320")), (decision.Outcome, decision.Amount!.Value));
        Assert.Empty(decision.UnknownReasons);
    }

    [Fact]
    public void SichuanRule_NoCompleteExtractCoversTheResident_NotTheNoApplicationTrack()
    {
        var decision = Decide("disabled-hardship-living", Facts([DeathRegistry(new CoverageScope("household.district", ["临平区"]))], HardshipCase()))!;

        Assert.Equal(Truth.Unknown, decision.Outcome);
        Assert.Equal(new UnknownReason(UnknownReasonKind.Missing, "deceased"), decision.UnknownReasons.Single());
    }

    [Fact]
    public void SichuanRule_ComparisonDataOutOfDate_NotTheNoApplicationTrack()
    {
        var decision = Decide("disabled-hardship-living", Facts([DeathRegistry(Yuhang, new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero))], HardshipCase()))!;

        Assert.Equal(Truth.Unknown, decision.Outcome);
        Assert.Equal((UnknownReasonKind.Stale, "police"), (decision.UnknownReasons.Single().Kind, decision.UnknownReasons.Single().Absence!.Source));
    }

    [Fact]
    public void SichuanRule_StandardIncomplete_NotTheNoApplicationTrack()
    {
        var decision = Decide("dibao-top-up", Facts([],
            ("household.dibao", RuleValue.Bool(true), "civil_affairs"),
            ("household.income_per_head", RuleValue.Number(800), "civil_affairs"),
            ("household.district", RuleValue.Text("余杭区"), "hukou")))!;

        Assert.Equal(Truth.Unknown, decision.Outcome);
        Assert.Null(decision.Amount);
        Assert.Equal(new UnknownReason(UnknownReasonKind.Missing, "household.size"), decision.UnknownReasons.Single());
    }

    [Fact]
    public void SichuanRule_AbsentFromTheDisabilityRegister_NotEligibleRatherThanReview()
    {
        var register = new CoverageDeclaration("cdpf", ["disability.certified"], Yuhang, Recent);
        var facts = Facts([register, DeathRegistry(Yuhang)], ("household.dibao", RuleValue.Bool(true), "civil_affairs"), ("household.district", RuleValue.Text("余杭区"), "hukou"));

        Assert.Equal(Truth.NotSatisfied, Decide("disabled-hardship-living", facts)!.Outcome);
        Assert.Equal(Truth.Unknown, Decide("disabled-hardship-living", Facts([DeathRegistry(Yuhang)], ("household.dibao", RuleValue.Bool(true), "civil_affairs"), ("household.district", RuleValue.Text("余杭区"), "hukou")))!.Outcome);
    }

    [Fact]
    public void Amount_RoundsToZero_SatisfiedForNothing()
    {
        var decision = Decide("dibao-top-up", Facts([],
            ("household.dibao", RuleValue.Bool(true), "civil_affairs"),
            ("household.income_per_head", RuleValue.Number(1299.60m), "civil_affairs"),
            ("household.size", RuleValue.Number(1), "hukou"),
            ("household.district", RuleValue.Text("余杭区"), "hukou")))!;

        Assert.Equal((Truth.Satisfied, Money.Zero), (decision.Outcome, decision.Amount!.Value));
    }

    [Fact]
    public void Freshness_FactExactlyAsOldAsItsWindow_IsFresh_OneTickOlderIsStale()
    {
        var rule = RuleParser.Parse("not deceased");
        var context = new EvaluationContext(Dictionary, March, March, MarchEnd);
        var edge = March.StartUtc - TimeSpan.FromDays(30);
        foreach (var (asOf, expected) in new[] { (edge, Truth.Satisfied), (edge - TimeSpan.FromTicks(1), Truth.Unknown) })
        {
            var facts = Facts([], new FactValue("deceased", RuleValue.Bool(false), "police", asOf));
            Assert.Equal(expected, RuleInterpreter.Evaluate(rule, facts, context).Outcome);
            Assert.Equal(expected, RuleCompiler.Compile(rule, context).Evaluate(facts));
        }
    }

    [Fact]
    public void Conflict_StaleDeathRecordAgainstFreshAlive_FreshOneDecidesAndTheStaleOneIsShownSetAside()
    {
        var staleDeath = new FactValue("deceased", RuleValue.Bool(true), "civil_affairs", new DateTimeOffset(2025, 12, 20, 0, 0, 0, TimeSpan.Zero));
        var freshAlive = new FactValue("deceased", RuleValue.Bool(false), "police", Recent);
        var birth = new FactValue("birth_date", RuleValue.Date(new DateOnly(1940, 1, 5)), "hukou", Recent);
        var district = new FactValue("household.district", RuleValue.Text("余杭区"), "hukou", Recent);

        foreach (var order in new[] { new[] { staleDeath, freshAlive }, [freshAlive, staleDeath] })
        {
            var decision = Decide("old-age-allowance", Facts([], [birth, district, .. order]))!;
            Assert.Equal(Truth.Satisfied, decision.Outcome);
            var evidence = decision.Proof.Leaves().SelectMany(l => l.Facts).Single(f => f.Fact == "deceased");
            Assert.Equal(("police", "civil_affairs"), (evidence.Source, evidence.Disregarded!.Source));
            Assert.Contains("民政截至2025-12-20的不同记录已过有效期，不予采用", ExplanationRenderer.Render(decision, Policy("old-age-allowance"), Dictionary, Language.Zh), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Conflict_FreshDeathAgainstStaleAlive_FreshDeathDecides_BothFreshIsReview()
    {
        var freshDeath = new FactValue("deceased", RuleValue.Bool(true), "civil_affairs", Recent);
        var staleAlive = new FactValue("deceased", RuleValue.Bool(false), "police", new DateTimeOffset(2025, 12, 20, 0, 0, 0, TimeSpan.Zero));
        var freshAlive = staleAlive with { AsOf = Recent };

        Assert.Equal(Truth.NotSatisfied, Decide("old-age-allowance", Facts([], OldResident(freshDeath, staleAlive)))!.Outcome);
        Assert.Equal(UnknownReasonKind.Conflicting, Decide("old-age-allowance", Facts([], OldResident(freshDeath, freshAlive)))!.UnknownReasons.Single().Kind);
        Assert.Equal(UnknownReasonKind.Stale, Decide("old-age-allowance", Facts([], OldResident(freshDeath with { AsOf = staleAlive.AsOf }, staleAlive)))!.UnknownReasons.Single().Kind);
    }

    [Fact]
    public void Period_OneOffAndPerEvent_AreTheCalendarYear_MonthlyTheMonth()
    {
        var day = new BusinessDate(2026, 11, 17);

        Assert.Equal((new BusinessDate(2026, 1, 1), new BusinessDate(2026, 12, 31)), Policy("enterprise-retiree-holiday").PeriodOn(day));
        Assert.Equal((new BusinessDate(2026, 1, 1), new BusinessDate(2026, 12, 31)), Policy("high-tech-certification-reward").PeriodOn(day));
        Assert.Equal((new BusinessDate(2026, 11, 1), new BusinessDate(2026, 11, 30)), Policy("old-age-allowance").PeriodOn(day));
        Assert.Equal((new BusinessDate(2026, 6, 1), new BusinessDate(2026, 12, 31)), (Policy("enterprise-retiree-holiday") with { EffectiveFrom = new BusinessDate(2026, 6, 1) }).PeriodOn(day));
        Assert.Null((Policy("enterprise-retiree-holiday") with { EffectiveUntil = new BusinessDate(2025, 12, 31) }).PeriodOn(day));
    }

    [Fact]
    public void TestCase_WithoutAPeriod_DecidesThePeriodARunWould()
    {
        var json = SamplePolicies.Documents().Single(d => d.Name.Contains("high-tech", StringComparison.Ordinal)).Json
            .Replace("\"periodStart\": \"2026-01-01\",", string.Empty, StringComparison.Ordinal)
            .Replace("\"periodEnd\": \"2026-12-31\",", string.Empty, StringComparison.Ordinal);

        Assert.DoesNotContain("\"periodStart\"", json, StringComparison.Ordinal);
        var policy = PolicyDocumentLoader.Load(json, Dictionary);

        Assert.All(policy.TestCases, t => Assert.Equal((new BusinessDate(2026, 1, 1), new BusinessDate(2026, 12, 31)), (t.PeriodStart, t.PeriodEnd)));
    }

    [Fact]
    public void Amount_FactOnlyTheAmountReadsIsMissing_ReviewNamingIt()
    {
        var facts = Facts([], ("household.dibao", RuleValue.Bool(true), "civil_affairs"), ("household.income_per_head", RuleValue.Number(900), "civil_affairs"), ("household.district", RuleValue.Text("余杭区"), "hukou"));
        var compiled = new CompiledPolicy(Policy("dibao-top-up"), Dictionary, March, March, MarchEnd);

        Assert.Equal(Truth.Satisfied, compiled.Evaluate(facts));
        var decision = compiled.DecideIfRelevant(facts)!;
        Assert.Equal(Truth.Unknown, decision.Outcome);
        Assert.Equal("household.size", decision.AmountReasons.Single().Subject);
    }

    [Fact]
    public void Death_BeforeTheMonthsFirstDecision_TheMonthIsNotPaid()
    {
        // Turned 80 on 3 March, died on 10 March; the month is first decided on 15 March.
        var facts = Facts([],
            new FactValue("birth_date", RuleValue.Date(new DateOnly(1946, 3, 3)), "hukou", Recent),
            new FactValue("household.district", RuleValue.Text("余杭区"), "hukou", Recent),
            new FactValue("deceased", RuleValue.Bool(true), "police", new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero)));

        var decision = Decide("old-age-allowance", facts, new BusinessDate(2026, 3, 15))!;

        Assert.Equal(Truth.NotSatisfied, decision.Outcome);
        Assert.Null(decision.Amount);
    }

    private static FactValue[] OldResident(params FactValue[] deaths) =>
    [
        new("birth_date", RuleValue.Date(new DateOnly(1940, 1, 5)), "hukou", Recent),
        new("household.district", RuleValue.Text("余杭区"), "hukou", Recent),
        .. deaths,
    ];
}
