using System.Globalization;

namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>Prints the main job's summary table.</summary>
public static class MainJobSummary
{
    /// <summary>Writes the table.</summary>
    public static async Task WriteAsync(TextWriter output, MainJobSnapshot snapshot, TimeSpan total, TimeSpan fromPublish)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(snapshot);
        var latencies = snapshot.DataToPayment.Order().ToList();
        var rows = new (string, string)[]
        {
            ("Policies run", $"{snapshot.RunsDone}/{snapshot.Runs}"),
            ("Evaluated (subject × policy)", $"{snapshot.Evaluated:N0}"),
            ("Matched", $"{snapshot.Matched:N0}"),
            ("Paid automatically", $"{snapshot.Paid:N0}"),
            ("In review", $"{snapshot.InReview:N0}"),
            ("Waiting for budget", $"{snapshot.WaitingForBudget:N0}"),
            ("Excluded (not eligible)", $"{snapshot.Excluded:N0}"),
            ("Ended otherwise (declined, limit, failed payment)", $"{snapshot.OtherEnds:N0}"),
            ("Failed instances", $"{snapshot.Failed:N0}"),
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
