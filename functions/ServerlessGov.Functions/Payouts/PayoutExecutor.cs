using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// Pays a ledger record exactly once. This is what the case orchestration's payment activity calls; activities run
/// at least once, so it is safe to run again after a crash and to run twice at the same time for the same record.
/// </summary>
/// <remarks>
/// <para>How it holds: before any submission, first or retry, it asks the bank what became of the record's
/// idempotency key, and submits only when the bank says <see cref="PaymentState.Unknown"/>. The right to submit is a
/// claim written to the record with its ETag (a stale writer loses), held for <see cref="PayoutOptions.SubmissionLease"/>,
/// so two executors never submit side by side. A submission whose answer is lost leaves the record
/// <see cref="PayoutState.Sent"/> with <see cref="PayoutRecord.OutcomeUnknown"/>; the next run resolves it by asking
/// the bank. Every submission carries the same idempotency key and payload, so even a request still in flight when
/// its claim ran out cannot pay twice at a bank that keeps the gateway contract.</para>
/// <para>Whatever the bank holds under the key must be the ledger's payment: the same payee account, amount, currency
/// and purpose. Anything else (a payment someone else registered under the key, a bug) is a conflict, never a success:
/// the record becomes <see cref="PayoutState.Conflict"/>, nothing is submitted under the key, an alert is logged
/// (without the account) and counted (<see cref="PayoutMetrics"/>), and the case goes to a reviewer.</para>
/// </remarks>
public sealed class PayoutExecutor
{
    private const int MaxRounds = 5;

    private readonly PayoutLedger _ledger;
    private readonly IPaymentGateway _gateway;
    private readonly TimeProvider _time;
    private readonly PayoutOptions _options;
    private readonly AppRelativeUrls _urls;
    private readonly PayoutMetrics _metrics;
    private readonly ILogger<PayoutExecutor> _logger;

    public PayoutExecutor(PayoutLedger ledger, IPaymentGateway gateway, TimeProvider time, IOptions<PayoutOptions> options, AppRelativeUrls urls, PayoutMetrics metrics, ILogger<PayoutExecutor> logger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _ledger = ledger;
        _gateway = gateway;
        _time = time;
        _options = options.Value;
        _urls = urls;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// Moves a registered payout as far as it can go now: submits it if the bank has never seen it, or records what
    /// the bank says happened. Returns the record as it stands afterwards; <see cref="PayoutState.Sent"/> means "wait
    /// for the callback or call again later", never "pay again".
    /// </summary>
    /// <exception cref="InvalidOperationException">The payout was never registered.</exception>
    /// <exception cref="ServerlessGov.Storage.StorageException">The ledger's store failed; the activity may simply run again.</exception>
    public async Task<PayoutRecord> PayAsync(PayoutKey key, CancellationToken cancellationToken = default)
    {
        var record = await _ledger.GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payout {key.LedgerId} is not in the ledger; register it first.");
        for (var round = 0; round < MaxRounds; round++)
        {
            if (record.State is not (PayoutState.Pending or PayoutState.Sent))
            {
                return record;
            }

            if (await AskBankAsync(record, cancellationToken).ConfigureAwait(false) is not { } status)
            {
                return record;
            }

            if (status.State != PaymentState.Unknown)
            {
                return await ApplyAsync(record, status, cancellationToken).ConfigureAwait(false);
            }

            var now = _time.GetUtcNow();
            if (record.ClaimedUntil > now)
            {
                return record;
            }

            var claim = record with
            {
                State = PayoutState.Sent,
                OutcomeUnknown = true,
                Submissions = record.Submissions + 1,
                ClaimedUntil = now + _options.SubmissionLease,
                Reason = null,
            };
            var write = await _ledger.TryUpdateAsync(record, claim, cancellationToken).ConfigureAwait(false);
            record = write.Record;
            if (!write.Applied)
            {
                Log.LostRace(_logger, record.IdempotencyKey);
                continue;
            }

            return await SubmitAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return record;
    }

    /// <summary>
    /// Records what the bank says about a payout, without ever submitting: for a bank callback (treated as a hint
    /// to ask, so a forged or stale callback changes nothing) and for polling.
    /// </summary>
    /// <returns>The record afterwards (<see cref="PayoutState.Conflict"/> when the bank holds another payment under the key); null when the ledger has no payout under the key.</returns>
    /// <exception cref="ServerlessGov.Storage.StorageException">The ledger's store failed.</exception>
    public async Task<PayoutRecord?> ReconcileAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var record = await _ledger.GetAsync(idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (record is null || record.IsFinal)
        {
            return record;
        }

        return await AskBankAsync(record, cancellationToken).ConfigureAwait(false) is { State: not PaymentState.Unknown } status
            ? await ApplyAsync(record, status, cancellationToken).ConfigureAwait(false)
            : record;
    }

    private async Task<PaymentStatus?> AskBankAsync(PayoutRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return await _gateway.QueryAsync(record.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        }
        catch (PaymentGatewayUnavailableException ex)
        {
            Log.BankUnavailable(_logger, record.IdempotencyKey, ex.Message);
            return null;
        }
    }

    private async Task<PayoutRecord> SubmitAsync(PayoutRecord claimed, CancellationToken cancellationToken)
    {
        var callback = _options.CallbackUrl is { } url ? await _urls.ResolveAsync(url, cancellationToken).ConfigureAwait(false) : null;
        var instruction = new PaymentInstruction(claimed.IdempotencyKey, claimed.Payee, claimed.Amount, claimed.Purpose, callback);
        PaymentSubmissionResult result;
        try
        {
            result = await _gateway.SubmitAsync(instruction, cancellationToken).ConfigureAwait(false);
        }
        catch (IdempotencyKeyConflictException)
        {
            return await RecordConflictAsync(claimed, "the bank refused the instruction: the key was first used for another payment", cancellationToken).ConfigureAwait(false);
        }

        var next = result.Outcome switch
        {
            SubmissionOutcome.Accepted => claimed with { OutcomeUnknown = false, ClaimedUntil = null },
            SubmissionOutcome.Rejected => claimed with { State = PayoutState.Failed, OutcomeUnknown = false, ClaimedUntil = null, Reason = result.Reason },
            _ => claimed with { ClaimedUntil = null },
        };
        if (result.Outcome == SubmissionOutcome.Unknown)
        {
            Log.OutcomeUnknown(_logger, claimed.IdempotencyKey);
        }

        var write = await _ledger.TryUpdateAsync(claimed, next, cancellationToken).ConfigureAwait(false);
        Log.Submitted(_logger, claimed.IdempotencyKey, result.Outcome, write.Record.State);
        return write.Record;
    }

    private async Task<PayoutRecord> ApplyAsync(PayoutRecord record, PaymentStatus status, CancellationToken cancellationToken)
    {
        if (Differences(record, status) is { } differences)
        {
            return await RecordConflictAsync(record, $"the payment the bank holds under this payout's key differs from the ledger's in {differences}", cancellationToken).ConfigureAwait(false);
        }

        var target = status.State switch
        {
            PaymentState.Pending => PayoutState.Sent,
            PaymentState.Settled => PayoutState.Settled,
            PaymentState.Failed => PayoutState.Failed,
            PaymentState.Returned => PayoutState.Returned,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status.State, "An unknown payment has nothing to apply."),
        };
        for (var round = 0; round < MaxRounds; round++)
        {
            var upToDate = record.State == target && !record.OutcomeUnknown && record.ClaimedUntil is null
                && string.Equals(record.Reason, status.Reason, StringComparison.Ordinal);
            if (upToDate || !PayoutLedger.CanMove(record.State, target))
            {
                return record;
            }

            var next = record with { State = target, OutcomeUnknown = false, ClaimedUntil = null, Reason = status.Reason };
            var write = await _ledger.TryUpdateAsync(record, next, cancellationToken).ConfigureAwait(false);
            if (write.Applied)
            {
                Log.StateChanged(_logger, record.IdempotencyKey, record.State, target);
                return write.Record;
            }

            record = write.Record;
        }

        return record;
    }

    /// <summary>
    /// What differs between the ledger's payment and what the bank holds under its key, by name only (never the
    /// values: one of them is an account number); null when nothing does. Fails closed: a detail the bank leaves out
    /// cannot be confirmed and counts as a difference, and the payee account is compared as the bank writes it, so an
    /// account in another format (another case, spaces, an identity number) is a difference too, never "the same".
    /// </summary>
    private static string? Differences(PayoutRecord record, PaymentStatus status)
    {
        var differ = new List<string>(4);
        Compare(differ, "payee account", status.PayeeAccount, record.Payee.Value);
        Compare(differ, "amount", status.Amount, record.Amount);
        Compare(differ, "currency", status.Currency, PaymentInstruction.Cny);
        Compare(differ, "purpose", status.Purpose, record.Purpose);
        return differ.Count == 0 ? null : string.Join(", ", differ);
    }

    private static void Compare(List<string> differ, string name, string? bank, string ledger)
    {
        if (bank is null)
        {
            differ.Add(name + " (the bank does not state it)");
        }
        else if (!string.Equals(bank, ledger, StringComparison.Ordinal))
        {
            differ.Add(name);
        }
    }

    private static void Compare(List<string> differ, string name, Money? bank, Money ledger)
    {
        if (bank is null)
        {
            differ.Add(name + " (the bank does not state it)");
        }
        else if (bank != ledger)
        {
            differ.Add(name);
        }
    }

    /// <summary>Records that the bank holds another payment under the record's key: nothing is paid under it, operators are alerted.</summary>
    private async Task<PayoutRecord> RecordConflictAsync(PayoutRecord record, string reason, CancellationToken cancellationToken)
    {
        Log.KeyConflict(_logger, record.IdempotencyKey, record.Key.PolicyId, record.Key.Period, reason);
        for (var round = 0; round < MaxRounds && PayoutLedger.CanMove(record.State, PayoutState.Conflict); round++)
        {
            var from = record.State;
            var write = await _ledger.TryUpdateAsync(record, record with { State = PayoutState.Conflict, OutcomeUnknown = false, ClaimedUntil = null, Reason = reason }, cancellationToken).ConfigureAwait(false);
            record = write.Record;
            if (write.Applied)
            {
                _metrics.Conflict(record.Key.PolicyId);
                Log.StateChanged(_logger, record.IdempotencyKey, from, PayoutState.Conflict);
                break;
            }
        }

        return record;
    }
}
