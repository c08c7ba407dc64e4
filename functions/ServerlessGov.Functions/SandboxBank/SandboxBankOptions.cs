using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>How the sandbox bank behaves: its table, how fast it settles, and which failures it plays (configuration section <c>SandboxBank</c>).</summary>
public sealed class SandboxBankOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SandboxBank";

    /// <summary>
    /// Whether the app serves the sandbox bank (<c>SandboxBank:Enabled</c>). Unset, it is on in the Development environment
    /// only (and the main job turns it on); off, its functions are not mapped and it settles nothing.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The only URLs the bank calls back (<c>SandboxBank:CallbackUrls</c>), absolute or relative to this app; a
    /// submission naming any other is refused. Empty (the default): this app's own payout callback endpoint.
    /// </summary>
    public string[] CallbackUrls { get; set; } = [];

    /// <summary>The table holding the bank's payments.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string TableName { get; set; } = "sandboxbankpayments";

    /// <summary>How long after it is received a payment settles (or fails).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan SettlementDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the settler looks for payments that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Account references ending in any of these are closed accounts: their payments fail at settlement.</summary>
    public string[] ClosedAccountSuffixes { get; set; } = [];

    /// <summary>The share (0–1) of settled payments that the payee's bank sends back after <see cref="ReturnDelay"/>; chosen by key, so it is repeatable.</summary>
    [Range(0.0, 1.0)]
    public double ReturnShare { get; set; }

    /// <summary>How long after settling a returned payment comes back.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ReturnDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share (0–1) of new submissions that the bank records and then leaves unanswered for <see cref="HangTime"/>
    /// before dropping the connection: the caller times out without knowing the payment was made. Chosen by key.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TimeoutShare { get; set; }

    /// <summary>How long an unanswered submission hangs; set it above the caller's timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan HangTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the bank waits for a callback receiver to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times one change of a payment is reported before the bank gives up on the callback.</summary>
    [Range(1, 100)]
    public int CallbackMaxAttempts { get; set; } = 8;

    /// <summary>The wait before the first callback retry; it doubles with each failure, up to a minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CallbackRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
