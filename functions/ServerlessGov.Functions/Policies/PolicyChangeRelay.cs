using System.Text.Json;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Policies.Storage;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Policies;

/// <summary>
/// Finishes committed policy changes: writes each pending change to the audit trail (once, keyed by its change id),
/// announces a publish on <see cref="PolicyPublished.QueueName"/>, then deletes it. Run right after each commit and
/// by a timer for whatever a crash left behind; running twice is harmless (the audit append is idempotent, a
/// duplicate announcement starts no second run).
/// </summary>
internal sealed class PolicyChangeRelay(PolicyStore store, AuditTrail audit, IQueueStore queues, ILogger<PolicyChangeRelay> logger)
{
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);
    private int _queueCreated;

    /// <summary>The audit stream of a policy.</summary>
    public static string StreamOf(string policyId) => "policy-" + policyId;

    /// <summary>Relays one policy's pending changes, oldest first.</summary>
    /// <exception cref="StorageException">The store or queue failed; the changes stay pending for the next run.</exception>
    public async Task<int> RelayAsync(string policyId, CancellationToken cancellationToken = default)
    {
        var relayed = 0;
        await foreach (var change in store.ListPendingChangesAsync(policyId, cancellationToken).ConfigureAwait(false))
        {
            await RelayAsync(change, cancellationToken).ConfigureAwait(false);
            relayed++;
        }

        return relayed;
    }

    /// <summary>Relays every policy's pending changes; what fails stays pending and is logged.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var pending = new List<PendingChange>();
        await foreach (var change in store.ListPendingChangesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            pending.Add(change);
        }

        var relayed = 0;
        foreach (var change in pending)
        {
            try
            {
                await RelayAsync(change, cancellationToken).ConfigureAwait(false);
                relayed++;
            }
            catch (StorageException ex)
            {
                Log.RelayFailed(logger, ex, change.PolicyId, change.ChangeId);
            }
        }

        if (relayed > 0)
        {
            Log.Swept(logger, relayed);
        }

        return relayed;
    }

    private async Task RelayAsync(PendingChange change, CancellationToken cancellationToken)
    {
        await audit.AppendOnceAsync(StreamOf(change.PolicyId), change.ChangeId, change.Entry, cancellationToken).ConfigureAwait(false);
        if (change.AnnouncedVersion is { } version)
        {
            var message = BinaryData.FromObjectAsJson(new PolicyPublished(change.PolicyId, version, change.At), MessageJson);
            foreach (var queue in new[] { queues.GetQueue(PolicyPublished.QueueName), queues.GetQueue(PolicyPublished.EnterpriseQueueName) })
            {
                if (Volatile.Read(ref _queueCreated) == 0)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                }

                await queue.SendAsync(message, timeToLive: QueueRules.NoExpiry, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _queueCreated, 1);
            Log.Announced(logger, change.PolicyId, version);
        }

        await store.DeletePendingChangeAsync(change, cancellationToken).ConfigureAwait(false);
    }
}
