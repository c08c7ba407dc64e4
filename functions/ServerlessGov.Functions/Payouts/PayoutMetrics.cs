using System.Diagnostics.Metrics;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The payout figures operators watch (meter <c>ServerlessGov.Payouts</c>, exported with the host's metrics):
/// <c>payouts.conflicts</c> counts payouts the bank holds differently from the ledger, each of which waits for a reviewer.
/// </summary>
public sealed class PayoutMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ServerlessGov.Payouts";

    private readonly Counter<long> _conflicts;

    public PayoutMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _conflicts = meters.Create(MeterName).CreateCounter<long>("payouts.conflicts", description: "Payouts the bank holds with another payee, amount, currency or purpose than the ledger; none is paid, each goes to review.");
    }

    /// <summary>Counts one conflict of <paramref name="policyId"/>.</summary>
    public void Conflict(string policyId) => _conflicts.Add(1, new KeyValuePair<string, object?>("policy", policyId));
}
