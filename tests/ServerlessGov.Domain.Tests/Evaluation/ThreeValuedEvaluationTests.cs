using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Text;
using ServerlessGov.Domain.Values;
using static ServerlessGov.Domain.Tests.Evaluation.FactBuilder;

namespace ServerlessGov.Domain.Tests.Evaluation;

public class ThreeValuedEvaluationTests
{
    private const string OldAge = "age_on(period_start) >= 80 and household.district in [\"余杭区\"] and not deceased";
    private static readonly EvaluationContext March = new(DataDictionary.Default, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 31));

    private static ClauseProof Decide(string rule, SubjectFacts facts)
    {
        var tree = RuleParser.Parse(rule);
        var proof = RuleInterpreter.Evaluate(tree, facts, March);
        Assert.Equal(proof.Outcome, RuleCompiler.Compile(tree, March).Evaluate(facts));
        return proof;
    }

    [Fact]
    public void Evaluate_AllFactsAuthoritativeAndFresh_IsSatisfiedWithProof()
    {
        var facts = Resident(("birth_date", Date("1946-03-01"), "hukou"), ("household.district", RuleValue.Text("余杭区"), "hukou"), ("deceased", RuleValue.Bool(false), "police"));
        var proof = Decide(OldAge, facts);
        Assert.Equal(Truth.Satisfied, proof.Outcome);
        var birth = proof.Leaves().SelectMany(l => l.Facts).Single(f => f.Fact == "birth_date");
        Assert.Equal(("1946-03-01", "hukou"), (birth.Value, birth.Source));
    }

    [Fact]
    public void Evaluate_FalseAndUnknown_IsNotSatisfied()
    {
        var facts = Resident(("birth_date", Date("1990-01-01"), "hukou"), ("household.district", RuleValue.Text("余杭区"), "hukou"));
        var proof = Decide(OldAge, facts);
        Assert.Equal(Truth.NotSatisfied, proof.Outcome);
        Assert.Equal("age_on(period_start) >= 80", Assert.Single(proof.Children).Clause);
    }

    [Fact]
    public void Evaluate_TrueOrUnknown_IsSatisfied()
    {
        Assert.Equal(Truth.Satisfied, Decide("household.dibao or deceased", Resident(("household.dibao", RuleValue.Bool(true), "civil_affairs"))).Outcome);
    }

    [Fact]
    public void Evaluate_DeathRecordMissing_IsUnknownNamingTheFact()
    {
        var facts = Resident(("birth_date", Date("1940-05-01"), "hukou"), ("household.district", RuleValue.Text("余杭区"), "hukou"));
        var proof = Decide(OldAge, facts);
        Assert.Equal(Truth.Unknown, proof.Outcome);
        var reason = proof.Leaves().SelectMany(l => l.Reasons).Single();
        Assert.Equal(new UnknownReason(UnknownReasonKind.Missing, "deceased"), reason);
    }

    [Fact]
    public void Evaluate_StaleDeathRecord_IsUnknownAsStale()
    {
        var facts = Resident(("deceased", RuleValue.Bool(false), "police"));
        facts.Add(new FactValue("deceased", RuleValue.Bool(false), "police", new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        var stale = new SubjectFacts(DataDictionary.Default);
        stale.Add(new FactValue("deceased", RuleValue.Bool(false), "police", new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(Truth.Satisfied, Decide("not deceased", facts).Outcome);
        var proof = Decide("not deceased", stale);
        Assert.Equal(UnknownReasonKind.Stale, proof.Leaves().Single().Reasons.Single().Kind);
    }

    [Fact]
    public void Evaluate_TwoAuthoritativeSourcesDisagree_IsUnknownAsConflicting()
    {
        var facts = Resident(("deceased", RuleValue.Bool(false), "police"), ("deceased", RuleValue.Bool(true), "civil_affairs"));
        var reason = Decide("not deceased", facts).Leaves().Single().Reasons.Single();
        Assert.Equal((UnknownReasonKind.Conflicting, "police", "civil_affairs"), (reason.Kind, reason.Source, reason.ConflictingSource));
    }

    [Fact]
    public void Evaluate_SelfDeclaredValueOnly_IsUnknownAsNonAuthoritative()
    {
        var facts = Resident(("disability.level", RuleValue.Number(1), "self_declared"));
        Assert.Equal(UnknownReasonKind.NonAuthoritative, Decide("disability.level <= 2", facts).Leaves().Single().Reasons.Single().Kind);
    }

    [Fact]
    public void Evaluate_AuthoritativeValueAfterSelfDeclared_Wins()
    {
        var facts = Resident(("disability.level", RuleValue.Number(3), "self_declared"), ("disability.level", RuleValue.Number(1), "cdpf"));
        Assert.Equal(Truth.Satisfied, Decide("disability.level <= 2", facts).Outcome);
    }

    [Fact]
    public void Evaluate_AgeOnLeapDayBirthday_CountsFromFirstOfMarch()
    {
        var facts = Resident(("birth_date", Date("1944-02-29"), "hukou"));
        var feb = new EvaluationContext(DataDictionary.Default, new BusinessDate(2026, 2, 28), new BusinessDate(2026, 2, 28), new BusinessDate(2026, 2, 28));
        Assert.Equal(Truth.NotSatisfied, RuleInterpreter.Evaluate(RuleParser.Parse("age_on(today) >= 82"), facts, feb).Outcome);
        Assert.Equal(Truth.Satisfied, Decide("age_on(today) >= 82", facts).Outcome);
    }

    [Fact]
    public void Evaluate_IdentifierInProof_IsMasked()
    {
        var facts = Resident(("resident_id", RuleValue.Text("11010519491231002X"), "hukou"));
        var evidence = Decide("exists(resident_id)", facts).Facts.Single();
        Assert.Equal("1101**********002X", evidence.Value);
    }

    [Theory]
    [InlineData("1946-03-01", "age_on(period_start) >= 80", Truth.Satisfied)]
    [InlineData("1946-03-02", "age_on(period_start) >= 80", Truth.NotSatisfied)]
    [InlineData("1946-03-02", "age_on(period_start) < 80", Truth.Satisfied)]
    [InlineData("1946-03-01", "age_on(period_start) > 79", Truth.Satisfied)]
    [InlineData("1946-03-01", "age_on(period_start) <= 79", Truth.NotSatisfied)]
    [InlineData("2020-02-29", "age_on(date(\"2024-02-28\")) >= 4", Truth.NotSatisfied)]
    public void Evaluate_AgeOnBirthdayBoundaries_CompiledAndInterpretedAgree(string birth, string rule, Truth expected)
    {
        Assert.Equal(expected, Decide(rule, Resident(("birth_date", Date(birth), "hukou"))).Outcome);
    }

    [Fact]
    public void FactValue_ToString_NeverPrintsTheValue()
    {
        var fact = new FactValue("resident_id", RuleValue.Text("11010519491231002X"), "hukou", Recent);
        Assert.DoesNotContain("19491231", fact.ToString(), StringComparison.Ordinal);
    }
}
