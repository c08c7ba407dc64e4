using System.Collections.Frozen;
using System.Reflection;

namespace ServerlessGov.Domain.Calendar;

/// <summary>
/// Counts working time in Beijing time (Asia/Shanghai) on a calendar of public holidays and swapped working days,
/// so that SLA deadlines ("closed within 7 working days") land where the public expects them.
/// </summary>
/// <remarks>
/// A year with no schedule loaded falls back to Monday–Friday and is reported by <see cref="IsProvisional"/>, so a
/// deadline that runs into next year still exists before the State Council publishes that year's notice.
/// </remarks>
public sealed class WorkingCalendar
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // A bound on day-by-day walks, far beyond any SLA, so a bad argument cannot loop for ever.
    private const int MaxDaysWalked = 366 * 20;

    private readonly FrozenSet<int> _years;
    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<DateOnly> _workingWeekends;
    private readonly BusinessHours? _hours;

    public WorkingCalendar(IEnumerable<CalendarYear> years, BusinessHours? businessHours = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.ToList();
        var duplicate = list.GroupBy(y => y.Year).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The calendar has two schedules for {duplicate.Key}.", nameof(years));
        }

        _years = list.Select(y => y.Year).ToFrozenSet();
        _holidays = list.SelectMany(y => y.Holidays).SelectMany(Days).ToFrozenSet();
        _workingWeekends = list.SelectMany(y => y.WorkingWeekends).ToFrozenSet();
        _hours = businessHours;
    }

    /// <summary>The mainland China calendar with every year shipped in the library (currently 2026).</summary>
    public static WorkingCalendar China(BusinessHours? businessHours = null, IEnumerable<CalendarYear>? additionalYears = null) =>
        new(ShippedYears().Concat(additionalYears ?? []), businessHours);

    /// <summary>The years shipped as embedded data (<c>Calendar/Data/cn-YYYY.json</c>).</summary>
    public static IReadOnlyList<CalendarYear> ShippedYears()
    {
        var assembly = typeof(WorkingCalendar).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Calendar.Data.cn-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => CalendarYear.Parse(ReadResource(assembly, n)))
            .ToList();
    }

    /// <summary>True when <paramref name="year"/> has no schedule loaded and weekdays stand in for it.</summary>
    public bool IsProvisional(int year) => !_years.Contains(year);

    /// <summary>True for a working day: a weekday that is not a holiday, or a swapped working weekend day.</summary>
    public bool IsWorkingDay(DateOnly day)
    {
        if (_holidays.Contains(day))
        {
            return false;
        }

        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || _workingWeekends.Contains(day);
    }

    /// <summary>The date <paramref name="workingDays"/> working days after <paramref name="from"/> (0: <paramref name="from"/> itself).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = from;
        for (var left = workingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>
    /// The instant when <paramref name="workingTime"/> of working time has passed since <paramref name="start"/>;
    /// time outside working days (and business hours) does not count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingTime"/> is negative.</exception>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero)
        {
            return start.ToUniversalTime();
        }

        var cursor = TimeZoneInfo.ConvertTime(start, Beijing);
        var left = workingTime;
        for (var walked = 0; walked < MaxDaysWalked; walked++)
        {
            var day = DateOnly.FromDateTime(cursor.DateTime);
            if (IsWorkingDay(day))
            {
                var (open, close) = Window(day, cursor.Offset);
                if (cursor < open)
                {
                    cursor = open;
                }

                var available = close - cursor;
                if (available > TimeSpan.Zero)
                {
                    if (left <= available)
                    {
                        return (cursor + left).ToUniversalTime();
                    }

                    left -= available;
                }
            }

            cursor = StartOfDay(day.AddDays(1));
        }

        throw new ArgumentOutOfRangeException(nameof(workingTime), $"{workingTime} of working time runs past {MaxDaysWalked} days.");
    }

    /// <summary>How much working time lies between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var cursor = TimeZoneInfo.ConvertTime(from, Beijing);
        var end = TimeZoneInfo.ConvertTime(to, Beijing);
        var total = TimeSpan.Zero;
        for (var walked = 0; cursor < end && walked < MaxDaysWalked; walked++)
        {
            var day = DateOnly.FromDateTime(cursor.DateTime);
            if (IsWorkingDay(day))
            {
                var (open, close) = Window(day, cursor.Offset);
                var spanStart = cursor > open ? cursor : open;
                var spanEnd = end < close ? end : close;
                if (spanEnd > spanStart)
                {
                    total += spanEnd - spanStart;
                }
            }

            cursor = StartOfDay(day.AddDays(1));
        }

        return total;
    }

    private (DateTimeOffset Open, DateTimeOffset Close) Window(DateOnly day, TimeSpan offset)
    {
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);
        return _hours is null
            ? (midnight, midnight.AddDays(1))
            : (midnight + _hours.Start.ToTimeSpan(), midnight + _hours.End.ToTimeSpan());
    }

    private static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Beijing.GetUtcOffset(local));
    }

    private static IEnumerable<DateOnly> Days(HolidayRange range)
    {
        for (var d = range.From; d <= range.To; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded calendar '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
