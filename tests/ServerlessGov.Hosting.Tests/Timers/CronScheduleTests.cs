using ServerlessGov.Hosting.Timers;

namespace ServerlessGov.Hosting.Tests.Timers;

public sealed class CronScheduleTests
{
    [Fact]
    public void CronSchedule_NineOClockInShanghai_FiresAtOneUtc()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var schedule = CronSchedule.TryParse("0 0 9 * * *", shanghai, out _)!;

        var next = schedule.NextAfter(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void CronSchedule_WallClockTimeInADaylightSavingGap_IsSkippedToTheNextDay()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var schedule = CronSchedule.TryParse("0 30 2 * * *", newYork, out _)!;

        // 2026-03-08 02:30 does not exist in New York (clocks jump from 02:00 to 03:00).
        var next = schedule.NextAfter(new DateTimeOffset(2026, 3, 7, 7, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 2, 30, 0, TimeSpan.FromHours(-4)), next);
    }

    [Fact]
    public void CronSchedule_EveryFiveMinutes_NextIsStrictlyAfterTheGivenInstant()
    {
        var schedule = CronSchedule.TryParse("0 */5 * * * *", TimeZoneInfo.Utc, out _)!;

        var next = schedule.NextAfter(new DateTimeOffset(2026, 11, 23, 10, 5, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 10, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 0 25 * * *")]
    [InlineData("every day")]
    public void CronSchedule_NotSixFieldNcrontab_IsRejectedWithTheExpectedFormat(string expression)
    {
        var schedule = CronSchedule.TryParse(expression, TimeZoneInfo.Utc, out var error);

        Assert.Null(schedule);
        Assert.Contains("6-field NCRONTAB", error, StringComparison.Ordinal);
    }
}
