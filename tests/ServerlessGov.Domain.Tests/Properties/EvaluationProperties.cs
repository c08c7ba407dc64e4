using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules.Json;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Rules.Text;

namespace ServerlessGov.Domain.Tests.Properties;

public class EvaluationProperties
{
    private static readonly EvaluationContext WithLine = new(
        Domain.Dictionary.DataDictionary.Default, RuleGenerators.Context.EvaluationDate, RuleGenerators.Context.PeriodStart, RuleGenerators.Context.PeriodEnd,
        new Dictionary<string, decimal> { ["line"] = 1300m });

    private static Truth Interpret(RuleNode rule, SubjectFacts facts) => RuleInterpreter.Evaluate(rule, facts, WithLine).Outcome;

    [Property(MaxTest = 300)]
    public Property TextAndJsonForms_EvaluateIdentically() =>
        Prop.ForAll(RuleGenerators.Rules, RuleGenerators.Subjects, (rule, facts) =>
        {
            var text = RuleParser.Parse(RulePrinter.Print(rule));
            var json = RuleJsonReader.Parse(RuleJsonWriter.Write(rule));
            return RulePrinter.Print(text) == RulePrinter.Print(rule)
                && RuleJsonWriter.Write(json) == RuleJsonWriter.Write(rule)
                && Interpret(text, facts) == Interpret(rule, facts)
                && Interpret(json, facts) == Interpret(rule, facts);
        });

    [Property(MaxTest = 300)]
    public Property CompiledEvaluator_AgreesWithInterpreter() =>
        Prop.ForAll(RuleGenerators.Rules, RuleGenerators.Subjects, (rule, facts) =>
            RuleCompiler.Compile(rule, WithLine).Evaluate(facts) == Interpret(rule, facts));

    [Property(MaxTest = 200)]
    public Property KleeneLaws_HoldForRulesWithUnknowns() =>
        Prop.ForAll(RuleGenerators.Rules, RuleGenerators.Rules, RuleGenerators.Subjects, (a, b, facts) =>
        {
            var and = Interpret(new AllNode([a, b]), facts);
            var or = Interpret(new AnyNode([a, b]), facts);
            return and == Interpret(new AllNode([b, a]), facts)
                && or == Interpret(new AnyNode([b, a]), facts)
                && Interpret(new NotNode(new AllNode([a, b])), facts) == Interpret(new AnyNode([new NotNode(a), new NotNode(b)]), facts)
                && Interpret(new NotNode(new AnyNode([a, b])), facts) == Interpret(new AllNode([new NotNode(a), new NotNode(b)]), facts)
                && Interpret(new AllNode([a, new AnyNode([a, b])]), facts) == Interpret(a, facts)
                && Interpret(new AnyNode([a, new AllNode([a, b])]), facts) == Interpret(a, facts)
                && Interpret(new NotNode(new NotNode(a)), facts) == Interpret(a, facts);
        });

    [Property]
    public Property KleeneConnectives_FalseDominatesAndTrueDominatesOr() =>
        Prop.ForAll(RuleGenerators.Truths, x =>
            Kleene.And(Truth.NotSatisfied, x) == Truth.NotSatisfied && Kleene.Or(Truth.Satisfied, x) == Truth.Satisfied);
}
