using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Properties;

/// <summary>
/// Random well-typed resident rules and random subjects (with missing, stale, conflicting — fresh against fresh, fresh
/// against stale — and non-authoritative facts, and absences from complete extracts, fresh, stale or out of scope).
/// </summary>
internal static class RuleGenerators
{
    public static readonly EvaluationContext Context = new(DataDictionary.Default, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 31));

    private static readonly string[] BoolFacts = ["deceased", "household.dibao", "disability.certified", "only_child.certified", "orphan.certified"];
    private static readonly string[] Districts = ["余杭区", "西湖区", "滨江区"];
    private static readonly DateTimeOffset Fresh = new(2026, 2, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Old = new(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Complete extracts as sources deliver them: fresh for the whole registry, fresh for one district, and stale.
    private static readonly RegistryCoverage Extracts = new(DataDictionary.Default,
    [
        new CoverageDeclaration("police", ["deceased"], CoverageScope.Everyone, Fresh),
        new CoverageDeclaration("cdpf", ["disability.certified"], new CoverageScope("household.district", ["余杭区"]), Fresh),
        new CoverageDeclaration("civil_affairs", ["household.dibao", "orphan.certified"], CoverageScope.Everyone, Old),
        new CoverageDeclaration("health", ["only_child.certified"], new CoverageScope("household.district", ["西湖区", "滨江区"]), Fresh),
    ]);

    public static Arbitrary<RuleNode> Rules => Gen.Sized(size => Condition(Math.Min(size, 6))).ToArbitrary();

    public static Arbitrary<SubjectFacts> Subjects => Gen.Choose(0, int.MaxValue).Select(Subject).ToArbitrary();

    public static Arbitrary<Truth> Truths => Gen.Elements(Truth.NotSatisfied, Truth.Unknown, Truth.Satisfied).ToArbitrary();

    private static Gen<RuleNode> Condition(int depth)
    {
        var leaf = Gen.OneOf(
            Gen.Elements(BoolFacts).Select(f => (RuleNode)new FactNode(f)),
            Gen.Elements(BoolFacts).Select(f => (RuleNode)new ExistsNode(f)),
            from op in Gen.Elements(Enum.GetValues<CompareOperator>())
            from n in Gen.Choose(1, 4)
            select (RuleNode)new CompareNode(op, new FactNode("disability.level"), new LiteralNode(RuleValue.Number(n))),
            from op in Gen.Elements(CompareOperator.Less, CompareOperator.GreaterOrEqual)
            from n in Gen.Choose(500, 2000)
            select (RuleNode)new CompareNode(op, new FactNode("household.income_per_head"), new ArithmeticNode(ArithmeticOperator.Subtract, new ParameterNode("line"), new LiteralNode(RuleValue.Number(n - 500)))),
            from age in Gen.Choose(0, 100)
            from op in Gen.Elements(Enum.GetValues<CompareOperator>())
            from reference in Gen.Elements(Enum.GetValues<DateReference>())
            select (RuleNode)new CompareNode(op, new CallNode(RuleFunction.AgeOn, [new DateReferenceNode(reference)]), new LiteralNode(RuleValue.Number(age))),
            from months in Gen.Choose(0, 1200)
            select (RuleNode)new CompareNode(CompareOperator.Less, new CallNode(RuleFunction.MonthsBetween, [new FactNode("birth_date"), new DateReferenceNode(DateReference.PeriodEnd)]), new CallNode(RuleFunction.Max, [new LiteralNode(RuleValue.Number(months)), new FactNode("household.size")])),
            from districts in Gen.SubListOf(Districts)
            select (RuleNode)new InNode(new FactNode("household.district"), new ListNode(districts.Select(d => (RuleNode)new LiteralNode(RuleValue.Text(d))).ToImmutableArray())));
        if (depth <= 0)
        {
            return leaf;
        }

        var smaller = Condition(depth / 2);
        return Gen.Frequency(
            (3, leaf),
            (2, Gen.Choose(2, 3).SelectMany(n => Gen.ListOf(smaller, n)).Select(xs => (RuleNode)new AllNode([.. xs]))),
            (2, Gen.Choose(2, 3).SelectMany(n => Gen.ListOf(smaller, n)).Select(xs => (RuleNode)new AnyNode([.. xs]))),
            (1, smaller.Select(x => (RuleNode)new NotNode(x))));
    }

    private static SubjectFacts Subject(int seed)
    {
        var random = new Random(seed);
        var facts = new List<FactValue>();
        foreach (var fact in BoolFacts)
        {
            Add(facts, random, fact, RuleValue.Bool(random.Next(2) == 0), RuleValue.Bool(random.Next(2) == 0));
        }

        Add(facts, random, "disability.level", RuleValue.Number(random.Next(1, 5)), RuleValue.Number(random.Next(1, 5)));
        Add(facts, random, "household.income_per_head", RuleValue.Number(random.Next(0, 3000) + 0.5m), RuleValue.Number(random.Next(0, 3000)));
        Add(facts, random, "household.size", RuleValue.Number(random.Next(1, 7)), RuleValue.Number(random.Next(1, 7)));
        Add(facts, random, "household.district", RuleValue.Text(Districts[random.Next(3)]), RuleValue.Text(Districts[random.Next(3)]));
        var birth = RuleValue.Date(new DateOnly(1920, 1, 1).AddDays(random.Next(0, 40000)));
        Add(facts, random, "birth_date", birth, RuleValue.Date(new DateOnly(1920, 2, 29).AddDays(random.Next(0, 40000))));
        var subject = new SubjectFacts(DataDictionary.Default);
        (random.Next(3) == 0 ? RegistryCoverage.None : Extracts).Load(subject, SubjectKind.Resident, facts, Context.EvaluationDate);
        return subject;
    }

    private static void Add(List<FactValue> facts, Random random, string name, RuleValue value, RuleValue other)
    {
        var fact = DataDictionary.Default.GetFact(name);
        var authoritative = fact.AuthoritativeSources[0];
        switch (random.Next(7))
        {
            case 0:
                return;
            case 1:
                facts.Add(new FactValue(name, value, authoritative, Old));
                return;
            case 2:
                facts.Add(new FactValue(name, value, "self_declared", Fresh));
                return;
            case 3 when fact.AuthoritativeSources.Count > 1:
                facts.Add(new FactValue(name, value, authoritative, random.Next(2) == 0 ? Fresh : Old));
                facts.Add(new FactValue(name, other, fact.AuthoritativeSources[1], random.Next(2) == 0 ? Fresh : Old));
                return;
            case 4 when fact.AuthoritativeSources.Count == 1:
                facts.Add(new FactValue(name, value, authoritative, Fresh));
                facts.Add(new FactValue(name, other, "self_declared", Fresh));
                return;
            default:
                facts.Add(new FactValue(name, value, authoritative, Fresh));
                return;
        }
    }
}
