using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>Raises <see cref="CaseEvents.PaymentUpdated"/> on the case waiting for a payout when the bank calls back.</summary>
public sealed class CaseCallbackRelay : IPayoutListener
{
    private readonly PaymentCaseIndex _index;
    private readonly DurableTaskClient _client;
    private readonly ILogger<CaseCallbackRelay> _logger;

    public CaseCallbackRelay(PaymentCaseIndex index, DurableTaskClient client, ILogger<CaseCallbackRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _index = index;
        _client = client;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed (the bank retries the callback).</exception>
    public async Task OnReconciledAsync(PayoutRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var instanceId = await _index.FindAsync(record.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        if (instanceId is null)
        {
            Log.CallbackWithoutCase(_logger, record.IdempotencyKey);
            return;
        }

        if (await _client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is { IsCompleted: false })
        {
            await _client.RaiseEventAsync(instanceId, CaseEvents.PaymentUpdated, record.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        }
    }
}
