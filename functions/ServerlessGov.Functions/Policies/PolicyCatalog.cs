using System.Collections.Concurrent;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Policies.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Policies;

/// <summary>
/// The published versions as policy runs read them. Documents are parsed once per version and cached (a published
/// version never changes); retirement is read fresh on every call.
/// </summary>
public sealed class PolicyCatalog : IPolicyCatalog
{
    private readonly PolicyStore _store;
    private readonly DataDictionary _dictionary = DataDictionary.Default;
    private readonly ConcurrentDictionary<(string PolicyId, int Version), PolicyDocument> _documents = new();

    public PolicyCatalog(ITableStore tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _store = new PolicyStore(tables);
    }

    /// <inheritdoc />
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<PublishedPolicy>> ListEffectiveAsync(BusinessDate businessDate, CancellationToken cancellationToken = default)
    {
        var effective = new Dictionary<string, PublishedPolicy>(StringComparer.Ordinal);
        await foreach (var stored in _store.ListAllVersionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var published = ToPublished(stored);
            if (published.IsEffectiveOn(businessDate))
            {
                effective[stored.PolicyId] = published;
            }
        }

        return effective.Values.OrderBy(p => p.Document.Id, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<PublishedPolicy?> GetAsync(string policyId, PolicyVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policyId);
        if (!PolicyJson.IsPolicyId(policyId))
        {
            return null;
        }

        var stored = await _store.GetVersionAsync(policyId, version.Number, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : ToPublished(stored);
    }

    /// <summary>For each policy, its newest version that is not retired, or its newest version when all are retired.</summary>
    internal async Task<IReadOnlyList<PublishedPolicy>> ListNewestAsync(CancellationToken cancellationToken = default)
    {
        var newest = new Dictionary<string, PublishedPolicy>(StringComparer.Ordinal);
        await foreach (var stored in _store.ListAllVersionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stored.RetiredAt is null || !newest.TryGetValue(stored.PolicyId, out var current) || current.RetiredAt is not null)
            {
                newest[stored.PolicyId] = ToPublished(stored);
            }
        }

        return newest.Values.ToList();
    }

    private PublishedPolicy ToPublished(StoredVersion stored)
    {
        var document = _documents.GetOrAdd((stored.PolicyId, stored.Version), _ => PolicyDocumentLoader.Load(stored.Json, _dictionary));
        return new PublishedPolicy(document, stored.PublishedAt, stored.PublishedBy, stored.RetiredAt);
    }
}
