using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.Payouts;

/// <summary>The ledger's table and the executor's timing (configuration section <c>Payouts</c>).</summary>
public sealed class PayoutOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Payouts";

    /// <summary>The table holding the ledger (<c>Payouts:LedgerTable</c>). Changing it orphans existing records.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string LedgerTable { get; set; } = "payouts";

    /// <summary>
    /// How long one executor holds the right to submit a payout (<c>Payouts:SubmissionLease</c>); it must exceed the
    /// gateway timeout, so a slow submission is never joined by a second one. A crashed holder's claim ends with it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SubmissionLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Where the bank should report outcomes (<c>Payouts:CallbackUrl</c>): absolute, or relative to this app's own HTTP
    /// functions (the default, <c>payouts/bank-callbacks</c>, this app's <see cref="PayoutCallbackApi"/> wherever it listens).
    /// </summary>
    public Uri? CallbackUrl { get; set; } = new(PayoutCallbackApi.Route, UriKind.Relative);

    /// <summary>
    /// The secret idempotency keys are keyed with (<c>Payouts:IdempotencySecret</c>, base64 of at least 32 bytes; a Key
    /// Vault secret in Azure). Required outside Development; in Development a random one per process stands in. Changing
    /// it is safe: registered payouts keep their keys (<see cref="PayoutKeySigner"/>).
    /// </summary>
    public string? IdempotencySecret { get; set; }
}
