using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Enterprises.Matching;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.Subjects.Registry;

namespace ServerlessGov.Functions.Enterprises.Profiles;

/// <summary>Builds an enterprise's profile from the registry and decides it against the enterprise policies in force today.</summary>
public sealed class EnterpriseProfileReader
{
    private readonly ISubjectFactsReader _subjects;
    private readonly SubjectRegistry _registry;
    private readonly EnterprisePolicyMatcher _matcher;
    private readonly DeliveryStore _deliveries;
    private readonly TimeProvider _time;

    /// <summary>Creates the reader.</summary>
    public EnterpriseProfileReader(ISubjectFactsReader subjects, SubjectRegistry registry, EnterprisePolicyMatcher matcher, DeliveryStore deliveries, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(time);
        _subjects = subjects;
        _registry = registry;
        _matcher = matcher;
        _deliveries = deliveries;
        _time = time;
    }

    /// <summary>The profile of <paramref name="enterpriseId"/>, or null when the registry does not know that enterprise.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed.</exception>
    public async Task<EnterpriseProfile?> GetAsync(SubjectId enterpriseId, CancellationToken cancellationToken = default)
    {
        var enterprise = await _subjects.GetAsync(enterpriseId, cancellationToken).ConfigureAwait(false);
        if (enterprise is not { Kind: SubjectKind.Enterprise })
        {
            return null;
        }

        var today = BusinessDate.Today(_time);
        var facts = FactReadings.Describe(enterprise.Facts, today);
        var matches = new List<ProfileMatch>();
        foreach (var policy in await _matcher.InForceAsync(today, cancellationToken).ConfigureAwait(false))
        {
            var match = EnterprisePolicyMatcher.Match(policy, enterprise);
            var eventId = NotificationEventIds.For(match.EnterpriseId, match.PolicyId, match.PolicyVersion);
            var delivery = await _deliveries.GetAsync(eventId, cancellationToken).ConfigureAwait(false);
            matches.Add(new ProfileMatch(match.PolicyId, match.PolicyVersion, match.Title, match.Eligibility, match.AmountYuan, match.Period,
                match.FactsToConfirm, delivery?.EventId, delivery?.State));
        }

        return new EnterpriseProfile(
            enterpriseId.Value,
            await _registry.GetMaskedIdentifierAsync(enterpriseId, cancellationToken).ConfigureAwait(false),
            today.ToString(),
            Headline(facts, "enterprise.district"),
            Headline(facts, "enterprise.industry_code"),
            Headline(facts, "enterprise.size"),
            Headline(facts, "enterprise.tax_credit_rating"),
            Headline(facts, "enterprise.tags"),
            facts,
            matches);
    }

    /// <summary>The observation a reader should see first: a usable one if any, else the newest.</summary>
    private static ProfileFact? Headline(IReadOnlyList<ProfileFact> facts, string fact) =>
        facts.Where(f => f.Fact == fact).OrderByDescending(f => f.Status == "usable").ThenByDescending(f => f.AsOf).FirstOrDefault();
}
