namespace ServerlessGov.Functions.Reviews;

/// <summary>Builds the SLA report: per policy and department, the share decided on time, median times to sign and decide, and breaches.</summary>
public sealed class SlaReport
{
    private readonly ReviewWorklist _worklist;
    private readonly ReviewLadder _ladder;
    private readonly TimeProvider _time;

    public SlaReport(ReviewWorklist worklist, ReviewLadder ladder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(worklist);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(time);
        _worklist = worklist;
        _ladder = ladder;
        _time = time;
    }

    /// <summary>The report over items opened in [<paramref name="from"/>, <paramref name="to"/>), ordered by department then policy.</summary>
    /// <exception cref="Storage.StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<SlaReportRow>> BuildAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var items = new List<ReviewItem>();
        await foreach (var item in _worklist.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((from is null || item.OpenedAt >= from) && (to is null || item.OpenedAt < to))
            {
                items.Add(item);
            }
        }

        return items
            .GroupBy(i => (i.PolicyId, i.Department))
            .OrderBy(g => g.Key.Department, StringComparer.Ordinal)
            .ThenBy(g => g.Key.PolicyId, StringComparer.Ordinal)
            .Select(g => Row(g.Key.PolicyId, g.Key.Department, g.ToList(), now))
            .ToList();
    }

    /// <summary>
    /// SLA compliance per ISO week of the opening's Beijing date, the last <paramref name="weeks"/> weeks up to this
    /// one, oldest first; a week without items is listed with zeros, so a chart keeps its time axis.
    /// </summary>
    /// <exception cref="Storage.StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<WeeklySlaRow>> BuildWeeklyAsync(int weeks, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var today = Domain.Values.BusinessDate.FromInstant(now).Date;
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstMonday = thisMonday.AddDays(-7 * (weeks - 1));
        var from = new Domain.Values.BusinessDate(firstMonday).StartUtc;
        var byWeek = new Dictionary<DateOnly, List<ReviewItem>>();
        await foreach (var item in _worklist.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.OpenedAt >= from)
            {
                var day = Domain.Values.BusinessDate.FromInstant(item.OpenedAt).Date;
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                (byWeek.TryGetValue(monday, out var list) ? list : byWeek[monday] = []).Add(item);
            }
        }

        return Enumerable.Range(0, weeks).Select(w =>
        {
            var monday = firstMonday.AddDays(7 * w);
            var items = byWeek.TryGetValue(monday, out var list) ? list : [];
            var decided = items.Where(i => i.DecidedAt is not null).ToList();
            var onTime = decided.Count(i => _ladder.BreachedAt(i, ReviewDeadline.Close, now) is null);
            var week = System.Globalization.ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + "-W" + System.Globalization.ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            return new WeeklySlaRow(week, monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), items.Count, decided.Count,
                decided.Count == 0 ? null : onTime / (double)decided.Count, items.Sum(i => _ladder.Breaches(i, now).Count));
        }).ToList();
    }

    // Breaches are judged as the ladder judges them (ReviewLadder.BreachedAt): a deadline met at or after its due
    // instant, or still running at or after it, is missed, so the report, the worklist and the escalations agree.
    private SlaReportRow Row(string policyId, string department, List<ReviewItem> items, DateTimeOffset now)
    {
        var decided = items.Where(i => i.DecidedAt is not null).ToList();
        var onTime = decided.Count(i => _ladder.BreachedAt(i, ReviewDeadline.Close, now) is null);
        var breaches = items.Sum(i => _ladder.Breaches(i, now).Count);
        return new SlaReportRow(
            policyId,
            department,
            items.Count,
            decided.Count,
            decided.Count == 0 ? null : onTime / (double)decided.Count,
            Median(items.Where(i => i.SignedAt is not null).Select(i => i.SignedAt!.Value - i.OpenedAt)),
            Median(decided.Select(i => i.DecidedAt!.Value - i.OpenedAt)),
            breaches,
            decided.Count(i => i.SignedAt is null));
    }

    private static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : TimeSpan.FromTicks((sorted[middle - 1].Ticks + sorted[middle].Ticks) / 2);
    }
}
