namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The bank's own record of the payments it received, read back for reconciliation: what the bank holds, independent
/// of what the ledger believes it sent. The sandbox bank answers it; a production bank's adapter implements it over
/// that bank's statement (a file or an API).
/// </summary>
public interface IBankStatement
{
    /// <summary>Every payment the bank received in [<paramref name="receivedFrom"/>, <paramref name="receivedBefore"/>), with its amount and status now.</summary>
    /// <exception cref="PaymentGatewayUnavailableException">The bank could not be asked, or answered with something that is not a statement.</exception>
    Task<IReadOnlyList<BankStatementLine>> ReadAsync(DateTimeOffset receivedFrom, DateTimeOffset receivedBefore, CancellationToken cancellationToken = default);
}

/// <summary>One payment as the bank holds it.</summary>
/// <param name="IdempotencyKey">The key it was submitted under.</param>
/// <param name="AmountFen">The amount in fen.</param>
/// <param name="State">Its status at the bank.</param>
/// <param name="ReceivedAt">When the bank received it.</param>
public sealed record BankStatementLine(string IdempotencyKey, long AmountFen, PaymentState State, DateTimeOffset ReceivedAt);
