using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.Payouts;

/// <summary>Where the bank is and how long to wait for it (configuration section <c>Payments</c>).</summary>
public sealed class PaymentGatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Payments";

    /// <summary>The bank's payments API root, e.g. <c>http://localhost:7071/sandbox-bank/v1/</c> (<c>Payments:BankBaseUrl</c>).</summary>
    [Required]
    public Uri? BankBaseUrl { get; set; }

    /// <summary>How long one call may take before its outcome counts as unknown (<c>Payments:Timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
