using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Amounts;

/// <summary>Prorates a monthly amount by the days of the month a beneficiary was eligible, so payment starts on the day (an 80th birthday) and stops on the day (a death).</summary>
public static class Proration
{
    /// <summary>
    /// The exact (unrounded) share of <paramref name="monthlyAmount"/> for the days of <paramref name="month"/>'s calendar
    /// month from <paramref name="eligibleFrom"/> to <paramref name="eligibleUntil"/> inclusive.
    /// </summary>
    /// <exception cref="ArgumentException">The eligible window ends before it starts.</exception>
    public static decimal ForMonth(decimal monthlyAmount, BusinessDate month, BusinessDate? eligibleFrom, BusinessDate? eligibleUntil)
    {
        var first = new BusinessDate(month.Year, month.Month, 1);
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        var last = first.AddDays(days - 1);
        var from = eligibleFrom is { } f && f > first ? f : first;
        var until = eligibleUntil is { } u && u < last ? u : last;
        if (eligibleFrom is { } a && eligibleUntil is { } b && b < a)
        {
            throw new ArgumentException("The eligible window ends before it starts.", nameof(eligibleUntil));
        }

        if (until < from)
        {
            return 0m;
        }

        var eligibleDays = until.Date.DayNumber - from.Date.DayNumber + 1;
        return eligibleDays == days ? monthlyAmount : monthlyAmount * eligibleDays / days;
    }
}
