using System.Text;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Checking;
using ServerlessGov.Domain.Rules.Json;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Rules.Text;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Rules;

/// <summary>
/// Every walk over a rule is recursive, and a stack overflow ends the process: rules beyond <see cref="RuleLimits"/>
/// are refused with an error naming the limit. Each walk runs here on a thread with a very large stack, so that
/// without the limits the test fails on its assertion instead of taking the test run down.
/// </summary>
public class RuleLimitsTests
{
    private static readonly RuleCheckContext Residents = RuleCheckContext.ForResidents(DataDictionary.Default);

    [Fact]
    public void Parse_ThousandsOfNestedParentheses_RefusedNamingTheDepthLimit()
    {
        var text = new string('(', 5_000) + "deceased" + new string(')', 5_000);

        var error = Refused(() => RuleParser.Parse(text));

        Assert.Equal(RuleLimits.TooDeepCode, error.Code);
        Assert.Contains($"{RuleLimits.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThousandsOfNots_RefusedNamingTheDepthLimit()
    {
        var text = new StringBuilder().Insert(0, "not ", 20_000).Append("deceased").ToString();

        Assert.Equal(RuleLimits.TooDeepCode, Refused(() => RuleParser.Parse(text)).Code);
    }

    [Fact]
    public void Parse_LongChainOfAdditions_RefusedBecauseEachTermNests()
    {
        var text = "household.size" + new StringBuilder().Insert(0, " + 1", 200) + " > 3";

        Assert.Equal(RuleLimits.TooDeepCode, Refused(() => RuleParser.Parse(text)).Code);
    }

    [Fact]
    public void Parse_MoreParts_ThanTheLimit_RefusedNamingTheSizeLimit()
    {
        var text = string.Join(" or ", Enumerable.Repeat("deceased", RuleLimits.MaxNodes + 1));

        var error = Refused(() => RuleParser.Parse(text));

        Assert.Equal(RuleLimits.TooLargeCode, error.Code);
        Assert.Contains($"{RuleLimits.MaxNodes} parts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonRuleNestedBeyondTheLimit_RefusedWithItsPath()
    {
        var json = new StringBuilder().Insert(0, "{\"not\": ", 40).Append("{\"fact\": \"deceased\"}").Append('}', 40).ToString();

        var error = Refused(() => RuleJsonReader.Parse(json, "$.rule"));

        Assert.Equal(RuleLimits.TooDeepCode, error.Code);
        Assert.StartsWith("$.rule.not.not", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Walks_TreeBuiltInCodeBeyondTheLimit_AreRefusedInsteadOfRecursing()
    {
        RuleNode deep = new FactNode("deceased");
        for (var i = 0; i < 100_000; i++)
        {
            deep = new NotNode(deep);
        }

        var context = new EvaluationContext(DataDictionary.Default, BusinessDate.Parse("2026-03-01"), BusinessDate.Parse("2026-03-01"), BusinessDate.Parse("2026-03-31"));
        var facts = new SubjectFacts(DataDictionary.Default);

        Assert.Equal(RuleLimits.TooDeepCode, OnLargeStack(() => RuleChecker.CheckRule(deep, Residents)).Single().Code);
        Assert.Equal(RuleLimits.TooDeepCode, Refused(() => RulePrinter.Print(deep)).Code);
        Assert.Equal(RuleLimits.TooDeepCode, Refused(() => RuleJsonWriter.Write(deep)).Code);
        Assert.Equal(RuleLimits.TooDeepCode, Refused(() => RuleCompiler.Compile(deep, context)).Code);
        Assert.Equal(RuleLimits.TooDeepCode, Refused(() => RuleInterpreter.Evaluate(deep, facts, context)).Code);
    }

    [Fact]
    public void SamplePolicies_RulesAndFormulas_StayWellWithinTheLimits()
    {
        foreach (var (name, json) in SamplePolicies.Documents())
        {
            var policy = PolicyDocumentLoader.Load(json, DataDictionary.Default);
            RuleNode?[] trees = [policy.Rule, policy.Amount.Value, policy.Amount.TierOn, .. policy.Amount.Tiers.Select(t => t.Value)];
            foreach (var tree in trees.OfType<RuleNode>())
            {
                var (depth, nodes) = RuleLimits.Measure(tree);
                Assert.True(depth <= 8 && nodes <= 40, $"{name}: depth {depth}, {nodes} parts");
            }
        }
    }

    private static RuleError Refused(Func<object> walk)
    {
        Exception? failure = null;
        object? result = null;
        RunOnLargeStack(() =>
        {
            try
            {
                result = walk();
            }
            catch (RuleException ex)
            {
                failure = ex;
            }
        });
        Assert.True(failure is not null, $"Expected the walk to be refused, but it returned {result?.GetType().Name}.");
        return ((RuleException)failure).Errors.Single();
    }

    private static T OnLargeStack<T>(Func<T> walk)
    {
        T result = default!;
        RunOnLargeStack(() => result = walk());
        return result;
    }

    // 1 GiB of stack: enough that even an unbounded walk of these trees finishes rather than overflowing.
    private static void RunOnLargeStack(Action action)
    {
        var thread = new Thread(() => action(), maxStackSize: 1 << 30);
        thread.Start();
        thread.Join();
    }
}
