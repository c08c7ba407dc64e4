namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The port to whatever moves the money (the sandbox bank by default, a real bank's API in production): submit a
/// payment instruction under an idempotency key, and ask what became of a key.
/// </summary>
/// <remarks>
/// <para>The contract every adapter keeps:</para>
/// <list type="bullet">
/// <item>The same idempotency key with the same payload gives the same result, however often it is sent: the bank
/// pays at most once per key.</item>
/// <item>The same key with a different payload (account, amount, currency or purpose) is refused with
/// <see cref="IdempotencyKeyConflictException"/>; it is never treated as a new payment.</item>
/// <item>A timeout or a lost connection during a submission means "unknown": the bank may or may not have recorded
/// the payment. It is reported as <see cref="SubmissionOutcome.Unknown"/>, never as a failure. Before retrying, ask
/// with <see cref="QueryAsync"/>; submit again only when the bank says <see cref="PaymentState.Unknown"/>.</item>
/// <item>A query for a key the bank holds states the payee account (as the bank writes it), amount, currency and
/// purpose held under it (<see cref="PaymentStatus"/>). The ledger takes the payment as its own only when all four are
/// stated and equal to its record; anything else is a conflict, never a payment.</item>
/// <item>A query that cannot reach the bank throws <see cref="PaymentGatewayUnavailableException"/>; it never
/// answers <see cref="PaymentState.Unknown"/>, which means "the bank has no payment under this key".</item>
/// </list>
/// <para>Implementations are thread-safe.</para>
/// </remarks>
public interface IPaymentGateway
{
    /// <summary>Submits a payment instruction; see the interface remarks for what each outcome means.</summary>
    /// <exception cref="IdempotencyKeyConflictException">The key was used before with a different payload.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled (not a timeout: a timeout is <see cref="SubmissionOutcome.Unknown"/>).</exception>
    Task<PaymentSubmissionResult> SubmitAsync(PaymentInstruction instruction, CancellationToken cancellationToken = default);

    /// <summary>Asks the bank what became of the payment under <paramref name="idempotencyKey"/>.</summary>
    /// <exception cref="PaymentGatewayUnavailableException">The bank did not answer (timeout, connection failure, server error).</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    Task<PaymentStatus> QueryAsync(string idempotencyKey, CancellationToken cancellationToken = default);
}
