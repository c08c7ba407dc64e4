namespace ServerlessGov.Domain.Evaluation;

/// <summary>Whole years and months between dates, as ages are counted (周岁): a birthday on 29 February counts on 1 March in common years.</summary>
public static class DateMath
{
    /// <summary>Whole years from <paramref name="from"/> to <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public static int WholeYears(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WholeYears(to, from);
        }

        var years = to.Year - from.Year;
        if (to.Month < from.Month || (to.Month == from.Month && to.Day < from.Day))
        {
            years--;
        }

        return years;
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>; the last day of a month completes a month begun on a later day.</summary>
    public static int WholeMonths(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WholeMonths(to, from);
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        var lastDayOfMonth = to.Day == DateTime.DaysInMonth(to.Year, to.Month);
        if (to.Day < from.Day && !lastDayOfMonth)
        {
            months--;
        }

        return months;
    }
}
