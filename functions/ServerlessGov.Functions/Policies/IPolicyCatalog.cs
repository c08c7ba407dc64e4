using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Policies;

/// <summary>How policy runs and re-evaluation read the published versions. Implemented by the policy lifecycle.</summary>
public interface IPolicyCatalog
{
    /// <summary>The newest published, non-retired version of each policy that is effective on <paramref name="businessDate"/>.</summary>
    Task<IReadOnlyList<PublishedPolicy>> ListEffectiveAsync(BusinessDate businessDate, CancellationToken cancellationToken = default);

    /// <summary>One published version, or null when that version was never published.</summary>
    Task<PublishedPolicy?> GetAsync(string policyId, PolicyVersion version, CancellationToken cancellationToken = default);
}
