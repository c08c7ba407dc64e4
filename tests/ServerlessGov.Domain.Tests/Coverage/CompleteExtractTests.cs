using System.Text.Json;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Proofs;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Text;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Coverage;

/// <summary>
/// Absence from a complete, fresh, covering extract is evidence; everything else stays as it was. Every decision here
/// is taken on both the interpreter and the compiled path, which must agree.
/// </summary>
public class CompleteExtractTests
{
    private static readonly DataDictionary Dictionary = DataDictionary.Default;
    private static readonly BusinessDate March = new(2026, 3, 1);
    private static readonly EvaluationContext Context = new(Dictionary, March, March, new BusinessDate(2026, 3, 31));
    private static readonly DateTimeOffset Recent = new(2026, 2, 28, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ExtractDate = new(2026, 2, 27, 16, 0, 0, TimeSpan.Zero);
    private static readonly CoverageScope Yuhang = new("household.district", ["余杭区"]);
    private static readonly PolicyDocument OldAge = SamplePolicies.Load(Dictionary).Single(p => p.Id == "old-age-allowance");

    private static ClauseProof Decide(string rule, SubjectFacts facts)
    {
        var tree = RuleParser.Parse(rule);
        var proof = RuleInterpreter.Evaluate(tree, facts, Context);
        Assert.Equal(proof.Outcome, RuleCompiler.Compile(tree, Context).Evaluate(facts));
        return proof;
    }

    private static SubjectFacts Load(IEnumerable<CoverageDeclaration> extracts, params FactValue[] observations)
    {
        var facts = new SubjectFacts(Dictionary);
        new RegistryCoverage(Dictionary, extracts).Load(facts, SubjectKind.Resident, observations, March);
        return facts;
    }

    private static FactValue Observed(string fact, RuleValue value, string source, DateTimeOffset? asOf = null) => new(fact, value, source, asOf ?? Recent);

    private static FactValue InYuhang() => Observed("household.district", RuleValue.Text("余杭区"), "hukou");

    private static CoverageDeclaration DeathRegistry(CoverageScope? scope = null, DateTimeOffset? asOf = null) =>
        new("police", ["deceased"], scope ?? Yuhang, asOf ?? ExtractDate);

    [Fact]
    public void Evaluate_AbsentFromFreshCoveringExtract_IsKnownDefaultWithItsProof()
    {
        var facts = Load([DeathRegistry()], InYuhang());

        var proof = Decide("not deceased", facts);

        Assert.Equal(Truth.Satisfied, proof.Outcome);
        var evidence = proof.Leaves().SelectMany(l => l.Facts).Single();
        Assert.Equal(("false", "police", FactStatus.Usable), (evidence.Value, evidence.Source, evidence.Status));
        Assert.Equal(new Absence("police", ExtractDate, Yuhang), evidence.Absence);
    }

    [Fact]
    public void Render_DecidedByAbsence_SaysWhichExtractTheResidentIsAbsentFrom()
    {
        var facts = Load([DeathRegistry()], InYuhang(), Observed("birth_date", RuleValue.Date(new DateOnly(1940, 1, 5)), "hukou"));
        var decision = new CompiledPolicy(OldAge, Dictionary, March, March, new BusinessDate(2026, 3, 31)).Decide(facts);

        Assert.Equal(Truth.Satisfied, decision.Outcome);
        Assert.Contains("死亡登记为否（公安2026-02-28覆盖余杭区的完整名册中无此记录）", ExplanationRenderer.Render(decision, OldAge, Dictionary, Language.Zh), StringComparison.Ordinal);
        Assert.Contains("death registration is no (absent from the death registry (public security) complete extract of 2026-02-28 covering 余杭区)", ExplanationRenderer.Render(decision, OldAge, Dictionary, Language.En), StringComparison.Ordinal);
        using var trace = JsonDocument.Parse(DecisionTraceWriter.Write(decision, new SubjectId("r-0001")));
        var absent = trace.RootElement.GetProperty("proof").GetProperty("children")[2].GetProperty("children")[0].GetProperty("facts")[0].GetProperty("absentFrom");
        Assert.Equal(("police", "2026-02-27T16:00:00Z", "household.district=余杭区"), (absent.GetProperty("source").GetString(), absent.GetProperty("asOf").GetString(), absent.GetProperty("scope").GetString()));
    }

    [Fact]
    public void Evaluate_ResidentOutsideTheExtractsScope_AbsenceStaysMissing()
    {
        var facts = Load([DeathRegistry(new CoverageScope("household.district", ["西湖区"]))], InYuhang());

        var proof = Decide("not deceased", facts);

        Assert.Equal(Truth.Unknown, proof.Outcome);
        Assert.Equal(new UnknownReason(UnknownReasonKind.Missing, "deceased"), proof.Leaves().Single().Reasons.Single());
        var decision = new CompiledPolicy(OldAge, Dictionary, March, March, new BusinessDate(2026, 3, 31))
            .Decide(Load([DeathRegistry(new CoverageScope("household.district", ["西湖区"]))], InYuhang(), Observed("birth_date", RuleValue.Date(new DateOnly(1940, 1, 5)), "hukou")));
        Assert.Contains("死亡登记（缺少数据，公安的完整名册未覆盖本人）", ExplanationRenderer.Render(decision, OldAge, Dictionary, Language.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ScopeFactItselfStale_AbsenceStaysMissing()
    {
        var facts = Load([DeathRegistry()], Observed("household.district", RuleValue.Text("余杭区"), "hukou", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(UnknownReasonKind.Missing, Decide("not deceased", facts).Leaves().Single().Reasons.Single().Kind);
    }

    [Fact]
    public void Evaluate_ExtractOlderThanTheFreshnessWindow_AbsenceIsStaleNamingTheExtract()
    {
        var old = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var facts = Load([DeathRegistry(asOf: old)], InYuhang());

        var reason = Decide("not deceased", facts).Leaves().Single().Reasons.Single();

        Assert.Equal((UnknownReasonKind.Stale, "police", old), (reason.Kind, reason.Source, reason.AsOf!.Value));
        Assert.Equal(new Absence("police", old, Yuhang), reason.Absence);
    }

    [Fact]
    public void Evaluate_NewestCoveringExtractDecides_AnOlderOneIsIgnored()
    {
        var old = new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero);
        var facts = Load([DeathRegistry(asOf: old), DeathRegistry(CoverageScope.Everyone)], InYuhang());

        var evidence = Decide("not deceased", facts).Leaves().SelectMany(l => l.Facts).Single();

        Assert.Equal(new Absence("police", ExtractDate, CoverageScope.Everyone), evidence.Absence);
    }

    [Fact]
    public void Evaluate_SourceReportedADifferentValue_AbsenceNeverOverridesIt()
    {
        var death = Observed("deceased", RuleValue.Bool(true), "police", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var facts = Load([DeathRegistry()], InYuhang(), death);

        var proof = Decide("not deceased", facts);

        Assert.Equal(Truth.NotSatisfied, proof.Outcome);
        Assert.Null(proof.Leaves().SelectMany(l => l.Facts).Single().Absence);
    }

    [Fact]
    public void Evaluate_SourceReportedTheAbsentValueLongAgo_TheFreshAbsenceRefreshesIt()
    {
        var staleAlive = Observed("deceased", RuleValue.Bool(false), "police", new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var withoutExtract = Load([], InYuhang(), staleAlive);
        var withExtract = Load([DeathRegistry()], InYuhang(), staleAlive);

        Assert.Equal(Truth.Unknown, Decide("not deceased", withoutExtract).Outcome);
        Assert.Equal(Truth.Satisfied, Decide("not deceased", withExtract).Outcome);
    }

    [Fact]
    public void Evaluate_AnotherSourceDisagreesWithTheAbsence_IsConflictingNamingTheExtract()
    {
        var funeral = Observed("deceased", RuleValue.Bool(true), "civil_affairs");
        var facts = Load([DeathRegistry()], InYuhang(), funeral);

        var reason = Decide("not deceased", facts).Leaves().Single().Reasons.Single();

        Assert.Equal(UnknownReasonKind.Conflicting, reason.Kind);
        Assert.Equal(new[] { "civil_affairs", "police" }, new[] { reason.Source!, reason.ConflictingSource! }.Order(StringComparer.Ordinal));
        Assert.Equal("police", reason.Absence!.Source);
    }

    [Fact]
    public void Exists_OnlyAnAbsence_IsNotAReport()
    {
        var facts = Load([DeathRegistry()], InYuhang());

        Assert.Equal(Truth.NotSatisfied, Decide("exists(deceased)", facts).Outcome);
        Assert.Equal(Truth.Satisfied, Decide("exists(deceased)", Load([DeathRegistry()], InYuhang(), Observed("deceased", RuleValue.Bool(false), "police"))).Outcome);
    }

    [Fact]
    public void Load_EnterpriseFactsExtract_DoesNotTouchResidents()
    {
        var violations = new CoverageDeclaration("samr", ["enterprise.serious_violation"], CoverageScope.Everyone, ExtractDate);
        var resident = Load([violations], InYuhang());
        var enterprise = new SubjectFacts(Dictionary);
        new RegistryCoverage(Dictionary, [violations]).Load(enterprise, SubjectKind.Enterprise, [], March);

        Assert.Null(resident.Get("enterprise.serious_violation"));
        Assert.Equal(RuleValue.Bool(false), enterprise.Get("enterprise.serious_violation")!.Value);
    }

    [Theory]
    [InlineData("hrss", "deceased", null, "facts[0]")]
    [InlineData("police", "household.size", null, "facts[0]")]
    [InlineData("police", "deceased", "resident_id", "scope.fact")]
    [InlineData("police", "deceased", "enterprise.district", "scope.fact")]
    [InlineData("nobody", "deceased", null, "source")]
    public void Check_DeclarationTheDictionaryDoesNotAllow_NamesTheField(string source, string fact, string? scopeFact, string field)
    {
        var error = CoverageDeclaration.Check(Dictionary, source, [fact], scopeFact, scopeFact is null ? null : ["余杭区"]);

        Assert.Equal(field, error!.Value.Field);
    }

    [Fact]
    public void Check_ScopeValueNotOfTheEnum_IsRefused()
    {
        Assert.Equal("scope.values[0]", CoverageDeclaration.Check(Dictionary, "police", ["deceased"], "household.district", ["余杭"])!.Value.Field);
        Assert.Null(CoverageDeclaration.Check(Dictionary, "police", ["deceased"], "household.district", ["余杭区"]));
    }

    [Theory]
    [InlineData("""{"sources":["civil_affairs"],"absent":false}""", "is not an authoritative source")]
    [InlineData("""{"sources":["police"],"absent":"no"}""", "must be a bool value")]
    [InlineData("""{"sources":[],"absent":false}""", "at least one source")]
    public void Parse_DictionaryWithAWrongCompleteExtract_IsRefusedNamingThePath(string complete, string message)
    {
        var json = """
            {"version":1,"sources":[{"code":"police","name":{"zh":"公安","en":"police"}},{"code":"civil_affairs","name":{"zh":"民政","en":"civil affairs"}}],
             "facts":[{"name":"deceased","type":"bool","subject":"resident","sources":["police"],"freshness":"P30D","privacy":"personal",
                       "label":{"zh":"死亡","en":"dead"},"completeExtracts":
            """ + complete + "}]}";

        var error = Assert.Throws<DictionaryException>(() => DataDictionary.Parse(json));

        Assert.StartsWith("$.facts[0].completeExtracts", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionary_SaysWhichSourcesDeliverCompleteExtractsAndWhatAbsenceMeans()
    {
        Assert.Equal(new[] { "police" }, Dictionary.GetFact("deceased").CompleteSources);
        Assert.Equal(RuleValue.Text("none"), Dictionary.GetFact("retirement.type").AbsentValue);
        Assert.Equal(new[] { "civil_affairs" }, Dictionary.GetFact("marriage.married").CompleteSources);
        Assert.Empty(Dictionary.GetFact("marriage.spouse").CompleteSources);
        Assert.Empty(Dictionary.GetFact("household.income_per_head").CompleteSources);
    }
}
