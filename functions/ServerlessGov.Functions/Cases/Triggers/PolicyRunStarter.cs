using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Triggers;

/// <summary>Starts policy runs under their deterministic ids: on publish, every day, or by an operator.</summary>
public sealed class PolicyRunStarter
{
    private readonly DurableTaskClient _client;
    private readonly IPolicyCatalog _catalog;
    private readonly ISubjectFactsReader _subjects;
    private readonly TimeProvider _time;

    public PolicyRunStarter(DurableTaskClient client, IPolicyCatalog catalog, ISubjectFactsReader subjects, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _catalog = catalog;
        _subjects = subjects;
        _time = time;
    }

    /// <summary>Starts (or finds) the run of one version as of today; returns its instance id.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public Task<string> StartAsync(string policyId, int version, string label, CancellationToken cancellationToken = default)
    {
        var today = BusinessDate.Today(_time).ToString();
        return _client.StartOnceAsync(PolicyRunOrchestration.Name, new PolicyRunInput(policyId, version, today, _subjects.ShardCount),
            CaseIds.Run(policyId, version, today, label), cancellationToken);
    }

    /// <summary>Starts today's run of every policy in force (the daily "not a day late" sweep); returns the instance ids.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<string>> StartAllEffectiveAsync(string label, CancellationToken cancellationToken = default)
    {
        var policies = await _catalog.ListEffectiveAsync(BusinessDate.Today(_time), cancellationToken).ConfigureAwait(false);
        var ids = new List<string>(policies.Count);
        foreach (var policy in policies)
        {
            ids.Add(await StartAsync(policy.Document.Id, policy.Document.Version.Number, label, cancellationToken).ConfigureAwait(false));
        }

        return ids;
    }
}
