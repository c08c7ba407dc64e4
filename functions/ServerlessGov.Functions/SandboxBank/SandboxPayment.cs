using ServerlessGov.Functions.Payouts;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>The bank's own record of one payment, keyed by its idempotency key; one row per key, ever.</summary>
internal sealed record SandboxPayment
{
    public required string IdempotencyKey { get; init; }

    /// <summary>SHA-256 of the canonical payload; a second submission under the key must match it.</summary>
    public required string PayloadHash { get; init; }

    public required string PayeeAccount { get; init; }

    public required long AmountFen { get; init; }

    public required string Currency { get; init; }

    public required string Purpose { get; init; }

    public Uri? CallbackUrl { get; init; }

    public required PaymentState Status { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required DateTimeOffset SettleAt { get; init; }

    /// <summary>Decided when received: this payment comes back after settling.</summary>
    public bool ReturnAfterSettling { get; init; }

    public DateTimeOffset? ReturnAt { get; init; }

    /// <summary>Grows with each change of <see cref="Status"/>; callbacks carry it so receivers can order them.</summary>
    public int StatusVersion { get; init; }

    /// <summary>The last <see cref="StatusVersion"/> reported by callback (or given up on).</summary>
    public int CallbackVersion { get; init; }

    public int CallbackAttempts { get; init; }

    public DateTimeOffset? CallbackNextAt { get; init; }

    /// <summary>How many submissions arrived under the key: the first, and every replay.</summary>
    public int Requests { get; init; }

    /// <summary>When the settler must next look at the payment; null when nothing is left to do.</summary>
    public DateTimeOffset? NextActionAt { get; init; }

    public ETag ETag { get; init; }

    public bool OwesCallback => CallbackUrl is not null && CallbackVersion < StatusVersion;

    /// <summary>The earliest moment something is due: settlement, a return, or a callback (retry).</summary>
    public DateTimeOffset? ComputeNextActionAt()
    {
        DateTimeOffset? next = Status == PaymentState.Pending ? SettleAt : null;
        if (Status == PaymentState.Settled && ReturnAt is { } returnAt)
        {
            next = Earliest(next, returnAt);
        }

        if (OwesCallback && CallbackNextAt is { } callbackAt)
        {
            next = Earliest(next, callbackAt);
        }

        return next;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x <= b ? x : b;
}
