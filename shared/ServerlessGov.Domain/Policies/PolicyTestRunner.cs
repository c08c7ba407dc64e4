using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Domain.Policies;

/// <summary>Runs one policy test case and describes how it fails, if it does.</summary>
public static class PolicyTestRunner
{
    /// <summary>Null when the case passes, otherwise what was expected and what happened.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string? Run(PolicyDocument policy, PolicyTestCase testCase, DataDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(testCase);
        var facts = new SubjectFacts(dictionary);
        new RegistryCoverage(dictionary, testCase.Coverage).Load(facts, policy.Target == PolicyTarget.Enterprises ? SubjectKind.Enterprise : SubjectKind.Resident, testCase.Facts, testCase.Date);

        var decision = new CompiledPolicy(policy, dictionary, testCase.Date, testCase.PeriodStart, testCase.PeriodEnd).Decide(facts);
        var unknown = decision.UnknownReasons.Select(r => r.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (decision.Outcome != testCase.ExpectedOutcome)
        {
            var why = unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})" : string.Empty;
            problems.Add($"expected {Describe(testCase.ExpectedOutcome)} but the rule is {Describe(decision.Outcome)}{why}");
        }

        if (testCase.ExpectedAmount is { } amount && decision.Amount != amount)
        {
            problems.Add($"expected amount {amount} but computed {decision.Amount?.ToString() ?? "none"}");
        }

        if (testCase.ExpectedUnknownFacts.Count > 0 && !testCase.ExpectedUnknownFacts.Order(StringComparer.Ordinal).SequenceEqual(unknown))
        {
            problems.Add($"expected unknown facts [{string.Join(", ", testCase.ExpectedUnknownFacts)}] but got [{string.Join(", ", unknown)}]");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string Describe(Truth truth) => truth switch
    {
        Truth.Satisfied => "satisfied",
        Truth.Unknown => "unknown",
        _ => "not satisfied",
    };
}
