using System.Collections.Concurrent;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Enterprises.Matching;

/// <summary>
/// Decides enterprises against the published enterprise policies with the same three-valued engine as policy runs
/// (<see cref="CompiledPolicy"/> over the registry's facts with provenance), for the profile and for notifications.
/// Compiled policies are cached per (policy, version, date).
/// </summary>
public sealed class EnterprisePolicyMatcher
{
    /// <summary>The opt-out category of a policy match: every enterprise policy in the catalog pays a subsidy or reward.</summary>
    public const string SubsidiesCategory = "subsidies";

    private readonly ConcurrentDictionary<(string, int, BusinessDate), CompiledPolicy?> _compiled = new();
    private readonly IPolicyCatalog _catalog;

    /// <summary>Creates the matcher over the policy catalog.</summary>
    public EnterprisePolicyMatcher(IPolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Every enterprise policy in force on <paramref name="date"/> (newest published, non-retired version), compiled for that date.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The catalog failed.</exception>
    public async Task<IReadOnlyList<CompiledPolicy>> InForceAsync(BusinessDate date, CancellationToken cancellationToken = default)
    {
        var published = await _catalog.ListEffectiveAsync(date, cancellationToken).ConfigureAwait(false);
        return [.. published.Where(p => p.Document.Target == PolicyTarget.Enterprises)
            .Select(p => Compile(p.Document, date))
            .OfType<CompiledPolicy>()
            .OrderBy(c => c.Policy.Id, StringComparer.Ordinal)];
    }

    /// <summary>One published enterprise policy version compiled for <paramref name="date"/>; null when it is not an enterprise policy or not in force then.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The catalog failed.</exception>
    public async Task<CompiledPolicy?> GetAsync(string policyId, int version, BusinessDate date, CancellationToken cancellationToken = default)
    {
        var published = await _catalog.GetAsync(policyId, new PolicyVersion(version), cancellationToken).ConfigureAwait(false);
        return published is null || published.Document.Target != PolicyTarget.Enterprises || !published.IsEffectiveOn(date)
            ? null
            : Compile(published.Document, date);
    }

    /// <summary>Decides <paramref name="enterprise"/> against <paramref name="policy"/>.</summary>
    /// <exception cref="ArgumentException">The subject is not an enterprise.</exception>
    public static EnterprisePolicyMatch Match(CompiledPolicy policy, SubjectRecord enterprise)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(enterprise);
        if (enterprise.Kind != SubjectKind.Enterprise)
        {
            throw new ArgumentException("Only enterprises are matched against enterprise policies.", nameof(enterprise));
        }

        var facts = new SubjectFacts(DataDictionary.Default);
        foreach (var fact in enterprise.Facts)
        {
            facts.Add(fact);
        }

        var decision = policy.Decide(facts);
        var eligibility = decision.Outcome switch
        {
            Truth.Satisfied => EnterpriseEligibility.Eligible,
            Truth.Unknown => EnterpriseEligibility.LikelyEligible,
            _ => EnterpriseEligibility.NotEligible,
        };
        var toConfirm = eligibility == EnterpriseEligibility.LikelyEligible
            ? decision.UnknownReasons.DistinctBy(r => r.Subject).Select(ToConfirm).ToList()
            : [];
        var period = PolicyPeriod.For(policy.Policy, decision.EvaluationDate).Within(policy.Policy);
        return new EnterprisePolicyMatch(
            enterprise.Id.Value,
            policy.Policy.Id,
            policy.Policy.Version.Number,
            policy.Policy.Title,
            SubsidiesCategory,
            eligibility,
            eligibility == EnterpriseEligibility.Eligible ? decision.Amount?.Yuan : null,
            period?.Name ?? PolicyPeriod.Once,
            toConfirm);
    }

    private CompiledPolicy? Compile(PolicyDocument policy, BusinessDate date) =>
        _compiled.GetOrAdd((policy.Id, policy.Version.Number, date), _ =>
            PolicyPeriod.For(policy, date).Within(policy) is { } period
                ? new CompiledPolicy(policy, DataDictionary.Default, date, period.Start, period.End)
                : null);

    private static FactToConfirm ToConfirm(UnknownReason reason)
    {
        var defined = DataDictionary.Default.TryGetFact(reason.Subject, out var fact);
        return new FactToConfirm(
            reason.Subject,
            defined ? fact!.Label : null,
            JsonNamingPolicyCamel(reason.Kind),
            reason.Source,
            reason.AsOf,
            defined ? fact!.AuthoritativeSources : []);
    }

    private static string JsonNamingPolicyCamel(UnknownReasonKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
