using System.Globalization;
using System.Text;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts.Reconciliation;

/// <summary>
/// Reconciles the payout ledger with the bank's own statement for a business day (Asia/Shanghai): the ledger's payments
/// instructed that day against the payments the bank received that day, matched by idempotency key. A key found on
/// one side only is looked up on the other by key before it is called missing or extra, so a payment that crossed
/// midnight between the two clocks still matches.
/// </summary>
public sealed class LedgerReconciliation(PayoutLedger ledger, IBankStatement bank, IPaymentGateway gateway)
{
    /// <summary>The reconciliation of <paramref name="day"/>.</summary>
    /// <exception cref="PaymentGatewayUnavailableException">The bank could not be asked.</exception>
    /// <exception cref="ServerlessGov.Storage.StorageException">The ledger could not be read.</exception>
    public async Task<ReconciliationReport> ReconcileAsync(BusinessDate day, CancellationToken cancellationToken = default)
    {
        var from = day.StartUtc;
        var to = day.AddDays(1).StartUtc;
        var ledgerSide = new Dictionary<string, PayoutRecord>(StringComparer.Ordinal);
        await foreach (var record in ledger.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var at = record.InstructedAt ?? (record.Submissions > 0 ? record.CreatedAt : (DateTimeOffset?)null);
            if (at >= from && at < to && (record.IsInstructed || record.Submissions > 0))
            {
                ledgerSide[record.IdempotencyKey] = record;
            }
        }

        var bankSide = (await bank.ReadAsync(from, to, cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.IdempotencyKey, StringComparer.Ordinal);
        var lines = new List<ReconciliationLine>();
        foreach (var (key, record) in ledgerSide)
        {
            var atBank = bankSide.TryGetValue(key, out var line) ? line : await AskBankAsync(key, cancellationToken).ConfigureAwait(false);
            lines.Add(Compare(key, record, atBank));
        }

        foreach (var (key, line) in bankSide.Where(b => !ledgerSide.ContainsKey(b.Key)))
        {
            lines.Add(Compare(key, await ledger.GetAsync(key, cancellationToken).ConfigureAwait(false), line));
        }

        lines = [.. lines.OrderBy(l => l.Result == ReconciliationResult.Matched).ThenBy(l => l.IdempotencyKey, StringComparer.Ordinal)];
        return new ReconciliationReport(
            day.ToString(),
            lines.Count(l => l.Result == ReconciliationResult.Matched),
            lines.Count(l => l.Result == ReconciliationResult.MissingAtBank),
            lines.Count(l => l.Result == ReconciliationResult.ExtraAtBank),
            lines.Count(l => l.Result == ReconciliationResult.AmountDiffers),
            lines.Count(l => l.Result == ReconciliationResult.StateDiffers),
            ledgerSide.Values.Sum(r => r.Amount.Fen),
            bankSide.Values.Sum(b => b.AmountFen),
            lines);
    }

    /// <summary>The report as CSV (RFC 4180, UTF-8): one line per payment, amounts in yuan with two decimals, exact from fen.</summary>
    public static string ToCsv(ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("idempotencyKey,result,policyId,period,ledgerAmountYuan,bankAmountYuan,ledgerState,bankState\r\n");
        foreach (var line in report.Lines)
        {
            csv.Append(string.Join(',', line.IdempotencyKey, line.Result, line.PolicyId, line.Period, Yuan(line.LedgerAmountFen), Yuan(line.BankAmountFen), line.LedgerState, line.BankState))
                .Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Yuan(long? fen) => fen is { } value ? (value / 100m).ToString("0.00", CultureInfo.InvariantCulture) : "";

    private async Task<BankStatementLine?> AskBankAsync(string key, CancellationToken cancellationToken)
    {
        var status = await gateway.QueryAsync(key, cancellationToken).ConfigureAwait(false);
        return status.State == PaymentState.Unknown ? null : new BankStatementLine(key, status.Amount?.Fen ?? 0, status.State, default);
    }

    private static ReconciliationLine Compare(string key, PayoutRecord? record, BankStatementLine? atBank)
    {
        var result = (record, atBank) switch
        {
            (null, _) => ReconciliationResult.ExtraAtBank,
            (_, null) => ReconciliationResult.MissingAtBank,
            _ when record.Amount.Fen != atBank.AmountFen => ReconciliationResult.AmountDiffers,
            _ when !Agrees(record.State, atBank.State) => ReconciliationResult.StateDiffers,
            _ => ReconciliationResult.Matched,
        };
        return new ReconciliationLine(key, result, record?.Key.PolicyId, record?.Key.Period, record?.Amount.Fen, atBank?.AmountFen, record?.State.ToString(), atBank?.State.ToString());
    }

    // A ledger still waiting for the bank's answer agrees with whatever the bank says; final states must be the same.
    private static bool Agrees(PayoutState ledgerState, PaymentState bankState) => ledgerState switch
    {
        PayoutState.Settled => bankState is PaymentState.Settled,
        PayoutState.Failed => bankState is PaymentState.Failed,
        PayoutState.Returned => bankState is PaymentState.Returned,
        _ => true,
    };
}
