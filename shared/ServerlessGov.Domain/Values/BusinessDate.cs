using System.Globalization;

namespace ServerlessGov.Domain.Values;

/// <summary>A calendar date in Asia/Shanghai: the date a resident would name (birthdays, periods, deaths), distinct from UTC instants.</summary>
public readonly record struct BusinessDate : IComparable<BusinessDate>
{
    /// <summary>The time zone every business date is reckoned in.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Wraps a calendar date.</summary>
    public BusinessDate(DateOnly date) => Date = date;

    /// <summary>Creates a date from its parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parts are not a calendar date.</exception>
    public BusinessDate(int year, int month, int day) => Date = new DateOnly(year, month, day);

    /// <summary>The calendar date.</summary>
    public DateOnly Date { get; }

    /// <summary>The year.</summary>
    public int Year => Date.Year;

    /// <summary>The month (1–12).</summary>
    public int Month => Date.Month;

    /// <summary>The day of the month.</summary>
    public int Day => Date.Day;

    /// <summary>The business date at which a UTC instant falls in Asia/Shanghai.</summary>
    public static BusinessDate FromInstant(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return new BusinessDate(DateOnly.FromDateTime(local.DateTime));
    }

    /// <summary>Today in Asia/Shanghai according to the given clock.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public static BusinessDate Today(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return FromInstant(timeProvider.GetUtcNow());
    }

    /// <summary>Parses an ISO date <c>yyyy-MM-dd</c>.</summary>
    /// <exception cref="FormatException">The text is not an ISO date.</exception>
    public static BusinessDate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException($"'{text}' is not a date in the form yyyy-MM-dd.");
        }

        return new BusinessDate(date);
    }

    /// <summary>The UTC instant at which this date begins in Asia/Shanghai.</summary>
    public DateTimeOffset StartUtc
    {
        get
        {
            var local = Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
        }
    }

    /// <summary>Adds days.</summary>
    public BusinessDate AddDays(int days) => new(Date.AddDays(days));

    /// <summary>Adds months, clamping to the last day of a shorter month.</summary>
    public BusinessDate AddMonths(int months) => new(Date.AddMonths(months));

    /// <summary>Adds years, clamping 29 February to 28 February.</summary>
    public BusinessDate AddYears(int years) => new(Date.AddYears(years));

    /// <summary>Compares dates.</summary>
    public static bool operator <(BusinessDate left, BusinessDate right) => left.Date < right.Date;

    /// <summary>Compares dates.</summary>
    public static bool operator >(BusinessDate left, BusinessDate right) => left.Date > right.Date;

    /// <summary>Compares dates.</summary>
    public static bool operator <=(BusinessDate left, BusinessDate right) => left.Date <= right.Date;

    /// <summary>Compares dates.</summary>
    public static bool operator >=(BusinessDate left, BusinessDate right) => left.Date >= right.Date;

    /// <inheritdoc />
    public int CompareTo(BusinessDate other) => Date.CompareTo(other.Date);

    /// <summary>Formats as <c>yyyy-MM-dd</c>.</summary>
    public override string ToString() => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
