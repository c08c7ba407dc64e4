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

    /// <summary>Where the bank should report outcomes (<c>Payouts:CallbackUrl</c>); null to rely on polling.</summary>
    public Uri? CallbackUrl { get; set; }
}
