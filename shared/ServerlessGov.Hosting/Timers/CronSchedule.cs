using NCrontab;

namespace ServerlessGov.Hosting.Timers;

/// <summary>A 6-field NCRONTAB schedule read in a time zone: occurrences are wall-clock times there, returned as UTC instants.</summary>
internal sealed class CronSchedule
{
    private readonly CrontabSchedule _schedule;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CrontabSchedule schedule, TimeZoneInfo zone)
    {
        _schedule = schedule;
        _zone = zone;
    }

    /// <summary>Parses <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>; null (and a reason) when it is not valid.</summary>
    public static CronSchedule? TryParse(string expression, TimeZoneInfo zone, out string? error)
    {
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        if (schedule is null)
        {
            error = $"'{expression}' is not a 6-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}})";
            return null;
        }

        error = null;
        return new CronSchedule(schedule, zone);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, _zone).DateTime;
        while (true)
        {
            local = _schedule.GetNextOccurrence(local);
            if (!_zone.IsInvalidTime(local))
            {
                return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone), TimeSpan.Zero);
            }
        }
    }
}
