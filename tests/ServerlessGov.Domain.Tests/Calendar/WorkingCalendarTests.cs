using ServerlessGov.Domain.Calendar;

namespace ServerlessGov.Domain.Tests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly WorkingCalendar _calendar = WorkingCalendar.China();

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, Beijing);

    [Theory]
    [InlineData("2026-02-16", false)] // Monday inside the Spring Festival break
    [InlineData("2026-02-14", true)]  // Saturday worked in exchange (调休)
    [InlineData("2026-02-28", true)]  // Saturday worked in exchange
    [InlineData("2026-03-15", false)] // an ordinary Sunday
    [InlineData("2026-03-16", true)]  // an ordinary Monday
    [InlineData("2026-10-07", false)] // last day of National Day week
    [InlineData("2026-10-10", true)]  // Saturday worked after National Day
    [InlineData("2026-01-04", true)]  // Sunday worked after New Year
    public void IsWorkingDay_2026Schedule_FollowsStateCouncilNotice(string date, bool expected)
    {
        Assert.Equal(expected, _calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDayWeek_SkipsHolidaysAndCountsSwappedSaturday()
    {
        var eve = new DateOnly(2026, 9, 30);
        Assert.Equal(new DateOnly(2026, 10, 8), _calendar.AddWorkingDays(eve, 1));
        Assert.Equal(new DateOnly(2026, 10, 10), _calendar.AddWorkingDays(eve, 3));
    }

    [Fact]
    public void AddWorkingTime_24HoursFromFridayAfternoon_LandsOnMondayAfternoon()
    {
        var due = _calendar.AddWorkingTime(At(3, 13, 15), TimeSpan.FromHours(24));
        Assert.Equal(At(3, 16, 15), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void AddWorkingTime_SevenWorkingDaysOverSpringFestival_EndsOnSwappedSaturday()
    {
        var due = _calendar.AddWorkingTime(At(2, 12, 10), TimeSpan.FromDays(7));
        Assert.Equal(At(2, 28, 10), due);
    }

    [Fact]
    public void AddWorkingTime_StartingOnWeekend_CountsFromNextWorkingDay()
    {
        var due = _calendar.AddWorkingTime(At(3, 14, 10), TimeSpan.FromHours(1));
        Assert.Equal(At(3, 16, 1), due);
    }

    [Fact]
    public void AddWorkingTime_WithBusinessHours_CountsOnlyOfficeHours()
    {
        var office = WorkingCalendar.China(new BusinessHours(new TimeOnly(9, 0), new TimeOnly(17, 0)));
        var due = office.AddWorkingTime(At(3, 13, 15), TimeSpan.FromHours(8));
        Assert.Equal(At(3, 16, 15), due);
    }

    [Fact]
    public void AddWorkingTime_FiveMinutesBeforeClosing_ContinuesNextWorkingMorning()
    {
        var office = WorkingCalendar.China(new BusinessHours(new TimeOnly(9, 0), new TimeOnly(17, 0)));
        var due = office.AddWorkingTime(At(3, 13, 16, 58), TimeSpan.FromMinutes(5));
        Assert.Equal(At(3, 16, 9, 3), due);
    }

    [Theory]
    [InlineData(2, 12, 10, 168)]
    [InlineData(9, 30, 23, 5)]
    [InlineData(3, 13, 15, 24)]
    [InlineData(12, 30, 8, 48)]
    public void WorkingTimeBetween_StartAndDue_GivesBackTheWorkingTimeAdded(int month, int day, int hour, int hours)
    {
        var start = At(month, day, hour);
        var due = _calendar.AddWorkingTime(start, TimeSpan.FromHours(hours));
        Assert.Equal(TimeSpan.FromHours(hours), _calendar.WorkingTimeBetween(start, due));
    }

    [Fact]
    public void WorkingTimeBetween_AcrossHolidayWeek_CountsNothingForTheHolidays()
    {
        var elapsed = _calendar.WorkingTimeBetween(At(10, 1, 0), At(10, 8, 0));
        Assert.Equal(TimeSpan.Zero, elapsed);
    }

    [Fact]
    public void IsProvisional_YearWithoutSchedule_FallsBackToWeekdays()
    {
        Assert.False(_calendar.IsProvisional(2026));
        Assert.True(_calendar.IsProvisional(2027));
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2027, 1, 1))); // a Friday; 2027's notice is not loaded
    }

    [Fact]
    public void China_WithConfiguredYear_UsesItsHolidays()
    {
        var next = CalendarYear.Parse("""
            { "year": 2027, "source": "configuration", "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" } ] }
            """);
        var calendar = WorkingCalendar.China(additionalYears: [next]);
        Assert.False(calendar.IsProvisional(2027));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Parse_WorkingWeekendOnAWeekday_IsRejectedNamingTheField()
    {
        var error = Assert.Throws<FormatException>(() => CalendarYear.Parse("""
            { "year": 2026, "source": "x", "holidays": [], "workingWeekends": ["2026-03-11"] }
            """));
        Assert.Contains("workingWeekends[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HolidayOutsideTheYear_IsRejected()
    {
        var error = Assert.Throws<FormatException>(() => CalendarYear.Parse("""
            { "year": 2026, "source": "x", "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-01" } ] }
            """));
        Assert.Contains("holidays[0]", error.Message, StringComparison.Ordinal);
    }
}
