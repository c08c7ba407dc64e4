using System.Globalization;

namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>Prints the main job's summary table: what was evaluated, paid and sent to review, the automatic share, and why the rest is in review.</summary>
public static class MainJobSummary
{
    /// <summary>
    /// Writes the table, then the review reasons by count; <paramref name="paymentConflicts"/> counts payouts the bank
    /// holds differently from the ledger (each in review).
    /// </summary>
    public static async Task WriteAsync(
        TextWriter output, MainJobSnapshot snapshot, (IReadOnlyList<(string Reason, int Cases)> Reasons, int WithoutReason) review, TimeSpan total, TimeSpan fromPublish, int paymentConflicts)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(snapshot);
        var latencies = snapshot.DataToPayment.Order().ToList();
        var share = snapshot.ResidentMatched == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * snapshot.ResidentAutomatic / snapshot.ResidentMatched:0.0} %");
        var rows = new (string, string)[]
        {
            ("Policies run", $"{snapshot.RunsDone}/{snapshot.Runs}"),
            ("Evaluated (subject × policy)", $"{snapshot.Evaluated:N0}"),
            ("Matched", $"{snapshot.Matched:N0}"),
            ("Automatic share of matched resident cases", $"{share} ({snapshot.ResidentAutomatic:N0} of {snapshot.ResidentMatched:N0} proven by the data)"),
            ("Paid automatically", $"{snapshot.Paid:N0}"),
            ("In review", $"{snapshot.InReview:N0}"),
            ("Outranked (better benefit, household, spouse)", $"{snapshot.Outranked:N0}"),
            ("Waiting for budget", $"{snapshot.WaitingForBudget:N0}"),
            ("Excluded (not eligible)", $"{snapshot.Excluded:N0}"),
            ("Ended otherwise (declined, limit, failed payment)", $"{snapshot.OtherEnds:N0}"),
            ("Failed instances", $"{snapshot.Failed:N0}"),
            ("Payment conflicts (nothing paid; in review)", $"{paymentConflicts:N0}"),
            ("Amount paid", Domain.Values.Money.FromFen(snapshot.AmountPaidFen).ToString()),
            ("Elapsed (total / from publish)", $"{total.TotalSeconds:0.0} s / {fromPublish.TotalSeconds:0.0} s"),
            ("Data to payment instruction p50", Percentile(latencies, 0.50)),
            ("Data to payment instruction p99", Percentile(latencies, 0.99)),
        };
        var width = rows.Max(r => r.Item1.Length);
        await output.WriteLineAsync().ConfigureAwait(false);
        foreach (var (name, value) in rows)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {value}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  Why {snapshot.InReview:N0} cases are in review (a case may name several reasons; {review.WithoutReason} name none):")).ConfigureAwait(false);
        foreach (var (reason, cases) in review.Reasons)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {cases,8:N0}  {reason}")).ConfigureAwait(false);
        }
    }

    private static string Percentile(List<TimeSpan> sorted, double share)
    {
        if (sorted.Count == 0)
        {
            return "n/a";
        }

        var index = Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[index].TotalMilliseconds:0} ms");
    }
}
