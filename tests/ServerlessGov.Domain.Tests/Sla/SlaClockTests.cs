using ServerlessGov.Domain.Calendar;
using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Domain.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private readonly SlaClock _clock = new(WorkingCalendar.China());

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, Beijing);

    [Fact]
    public void DueAt_NormalCloseOverSpringFestival_LadderStepsSkipTheHolidayWeek()
    {
        var created = At(2, 12, 10);
        var close = SlaPolicy.Normal.Close;
        Assert.Equal(At(2, 24, 22), _clock.DueAt(created, close, EscalationLevel.Reminder));
        Assert.Equal(At(2, 26, 16), _clock.DueAt(created, close, EscalationLevel.Warning));
        Assert.Equal(At(2, 28, 10), _clock.DueAt(created, close, EscalationLevel.Breach));
    }

    [Fact]
    public void DueAt_UrgentSignAtNightOnAWeekend_CountsEveryMinute()
    {
        var created = At(3, 14, 23, 58);
        var sign = SlaPolicy.Urgent.Sign;
        Assert.Equal(At(3, 15, 0, 0, 30), _clock.DueAt(created, sign, EscalationLevel.Reminder));
        Assert.Equal(At(3, 15, 0, 3), _clock.DueAt(created, sign, EscalationLevel.Breach));
    }

    [Fact]
    public void DueAt_WhileWaitingForTheResident_ClockStopsAndResumes()
    {
        var created = At(3, 16, 9);
        var pauses = new[] { new SlaPause(At(3, 16, 10), At(3, 18, 10)) };
        var due = _clock.DueAt(created, SlaPolicy.Normal.Sign, EscalationLevel.Breach, pauses);
        Assert.Equal(At(3, 19, 9), due);
    }

    [Fact]
    public void DueAt_OpenPauseBeforeTheStep_HasNoDueTime()
    {
        var created = At(3, 16, 9);
        var pauses = new[] { new SlaPause(At(3, 16, 10), null) };
        Assert.Null(_clock.DueAt(created, SlaPolicy.Normal.Sign, EscalationLevel.Breach, pauses));
        Assert.Equal(At(3, 16, 9, 30), _clock.DueAt(created, new SlaTarget(TimeSpan.FromHours(1), SlaClockKind.WorkingTime), EscalationLevel.Reminder, pauses));
    }

    [Fact]
    public void UsedShare_AfterAPause_CountsOnlyRunningWorkingTime()
    {
        var created = At(3, 16, 9);
        var pauses = new[] { new SlaPause(At(3, 16, 10), At(3, 18, 10)) };
        var share = _clock.UsedShare(created, SlaPolicy.Normal.Sign, At(3, 18, 22), pauses);
        Assert.Equal(13.0 / 24.0, share, precision: 9);
    }

    [Fact]
    public void LevelAt_EachMoment_ReportsTheHighestRungReached()
    {
        var created = At(2, 12, 10);
        var close = SlaPolicy.Normal.Close;
        Assert.Null(_clock.LevelAt(created, close, At(2, 24, 21)));
        Assert.Equal(EscalationLevel.Reminder, _clock.LevelAt(created, close, At(2, 24, 22)));
        Assert.Equal(EscalationLevel.Warning, _clock.LevelAt(created, close, At(2, 27, 0)));
        Assert.Equal(EscalationLevel.Breach, _clock.LevelAt(created, close, At(3, 2, 0)));
    }

    [Fact]
    public void FastApplication_SixtyWorkingDays_EndsAfterHolidaysAreSkipped()
    {
        var due = _clock.DueAt(At(9, 1, 0), SlaPolicy.FastApplication.Close, EscalationLevel.Breach);
        // September 2026 has 21 working days (20 Sept is a swapped Sunday; 25 Sept is Mid-Autumn), October 16
        // (1–7 off, 10 Oct worked), so the 60th working day ends in late November.
        var calendar = WorkingCalendar.China();
        var expectedLastDay = calendar.AddWorkingDays(new DateOnly(2026, 8, 31), 60);
        Assert.Equal(new DateTimeOffset(expectedLastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing), due);
    }
}
