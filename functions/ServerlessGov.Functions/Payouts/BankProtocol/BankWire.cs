namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>The names the bank HTTP protocol fixes: header, paths and status words, shared by the HTTP gateway and the sandbox bank.</summary>
public static class BankWire
{
    /// <summary>The request header carrying the idempotency key of a submission.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// The request header carrying the client's credential (<c>Payments:ClientKey</c>). The sandbox bank is a function of
    /// this app protected by a function key, so it reads the Azure Functions header.
    /// </summary>
    public const string ClientKeyHeader = "x-functions-key";

    /// <summary>The response header set on a replayed submission.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The payments collection, relative to the bank's base URL.</summary>
    public const string PaymentsPath = "payments";

    /// <summary>The status word of an accepted submission.</summary>
    public const string Accepted = "accepted";

    /// <summary>Maps a bank state to its wire word.</summary>
    public static string ToWire(PaymentState state) => state switch
    {
        PaymentState.Pending => "pending",
        PaymentState.Settled => "settled",
        PaymentState.Failed => "failed",
        PaymentState.Returned => "returned",
        _ => "unknown",
    };

    /// <summary>Maps a wire word to a bank state.</summary>
    /// <exception cref="FormatException">The word names no state.</exception>
    public static PaymentState FromWire(string? status) => status switch
    {
        "pending" => PaymentState.Pending,
        "settled" => PaymentState.Settled,
        "failed" => PaymentState.Failed,
        "returned" => PaymentState.Returned,
        "unknown" => PaymentState.Unknown,
        _ => throw new FormatException($"'{status}' is not a payment status."),
    };
}
