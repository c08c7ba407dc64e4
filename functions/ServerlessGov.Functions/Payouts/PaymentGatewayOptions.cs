using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.Payouts;

/// <summary>Where the bank is and how long to wait for it (configuration section <c>Payments</c>).</summary>
public sealed class PaymentGatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Payments";

    /// <summary>
    /// The bank's payments API root (<c>Payments:BankBaseUrl</c>): absolute (a real bank), or relative to this app's own
    /// HTTP functions, wherever it listens (<c>sandbox-bank/v1/</c>, the default while the sandbox bank is on).
    /// </summary>
    [Required]
    public Uri? BankBaseUrl { get; set; }

    /// <summary>The client's credential the bank requires (<c>Payments:ClientKey</c>), sent in <see cref="BankProtocol.BankWire.ClientKeyHeader"/>; none when unset.</summary>
    public string? ClientKey { get; set; }

    /// <summary>How long one call may take before its outcome counts as unknown (<c>Payments:Timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
