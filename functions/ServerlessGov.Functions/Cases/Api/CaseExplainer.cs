using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Proofs;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// Explains a case to the person it pays: the policy version it was decided under, evaluated again on the facts the
/// registry holds now, judged on the day the case opened, and rendered in both languages with each fact's source.
/// </summary>
public sealed class CaseExplainer(IPolicyCatalog catalog, ISubjectFactsReader subjects, PolicyEvaluator evaluator)
{
    /// <summary>The explanation of <paramref name="view"/>; null when its policy version or its subject is no longer known.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed.</exception>
    public async Task<CaseExplanation?> ExplainAsync(CaseView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.PolicyVersion is not { } version
            || await catalog.GetAsync(view.PolicyId, new PolicyVersion(version), cancellationToken).ConfigureAwait(false) is not { } published
            || await subjects.GetAsync(new SubjectId(view.SubjectId), cancellationToken).ConfigureAwait(false) is not { } subject)
        {
            return null;
        }

        var policy = published.Document;
        var judgedOn = BusinessDate.FromInstant(view.OpenedAt);
        var period = (policy.Schedule.Kind == ScheduleKind.Monthly && view.Period.Length == 7 ? PolicyPeriod.ParseMonth(view.Period) : PolicyPeriod.For(policy, judgedOn)).Within(policy)
            ?? PolicyPeriod.For(policy, judgedOn);
        // Decided as a run decides: with the complete extracts the registry holds declarations for applied.
        var coverage = await subjects.GetCoverageAsync(cancellationToken).ConfigureAwait(false);
        var decision = evaluator.Compile(policy, judgedOn, period).Decide(PolicyEvaluator.FactsOf(subject, coverage, judgedOn));
        var read = PolicyFacts.ReadBy(policy);
        var facts = FactReadings.Describe(subject.Facts, judgedOn).Where(f => read.Contains(f.Fact)).ToList();
        return new CaseExplanation(
            view.CaseId,
            policy.Id,
            version,
            policy.Title,
            judgedOn.ToString(),
            decision.Outcome switch { Truth.Satisfied => "satisfied", Truth.NotSatisfied => "notSatisfied", _ => "unknown" },
            ExplanationRenderer.Render(decision, policy, PolicyEvaluator.Dictionary, Language.Zh),
            ExplanationRenderer.Render(decision, policy, PolicyEvaluator.Dictionary, Language.En),
            facts);
    }
}
