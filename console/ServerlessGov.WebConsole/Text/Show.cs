using System.Globalization;

namespace ServerlessGov.WebConsole.Text;

/// <summary>
/// How the console writes money and time: yuan with the ¥ sign and exactly two decimals from whole fen (never through
/// floating point), and instants as Beijing time (Asia/Shanghai), where business dates are kept.
/// </summary>
public static class Show
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>¥1,234.56 from 123456 fen; a dash when unknown.</summary>
    public static string Money(long? fen) => fen is { } value ? Yuan(value / 100m) : "—";

    /// <summary>¥1,234.56 from an exact amount in yuan; a dash when unknown.</summary>
    public static string Yuan(decimal? yuan) =>
        yuan is { } value ? (value < 0 ? "-¥" : "¥") + Math.Abs(value).ToString("#,##0.00", CultureInfo.InvariantCulture) : "—";

    /// <summary>An instant as Beijing time, <c>2026-03-01 08:30</c>; a dash when none.</summary>
    public static string Time(DateTimeOffset? instant) =>
        instant is { } value ? TimeZoneInfo.ConvertTime(value, Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>The Beijing date of an instant, <c>2026-03-01</c>.</summary>
    public static string Date(DateTimeOffset? instant) =>
        instant is { } value ? TimeZoneInfo.ConvertTime(value, Beijing).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    /// <summary>Today's date in Beijing.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Beijing).DateTime);

    /// <summary>A share as a percentage with one decimal, <c>87.5%</c>; a dash when unknown.</summary>
    public static string Percent(double? share) =>
        share is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
