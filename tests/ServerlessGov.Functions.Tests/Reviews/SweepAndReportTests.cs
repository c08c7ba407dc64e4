using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Calendar;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>The sweep on its own (an item whose timers never ran), the SLA report, and a new calendar year as configuration.</summary>
public sealed class SweepAndReportTests : IClassFixture<SqliteStorageFixture>
{
    private readonly SqliteStorageFixture _storage;

    public SweepAndReportTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Sweep_ItemWithoutTimers_QueuesEachDueStepUntilNotifiedThenNothing()
    {
        var clock = new ManualTimeProvider(Bj(9, 18, 16));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var sweep = host.GetRequiredService<ReviewSweep>();
        var itemId = await worklist.OpenAsync(UnknownIncome("case-sweep-" + Guid.NewGuid().ToString("N")));

        clock.MoveTo(Bj(9, 20, 3));
        Assert.Equal(0, await sweep.RunAsync());
        clock.MoveTo(Bj(9, 20, 11));
        Assert.Equal(2, await sweep.RunAsync());
        Assert.Equal(2, await sweep.RunAsync());

        var handled = await ReviewServices.DrainEscalationsAsync(host, itemId);

        Assert.Equal(3, handled);
        Assert.Equal(0, await sweep.RunAsync());
        Assert.Equal(["Sign-50", "Sign-75"], (await worklist.GetAsync(itemId)).Item.Escalated.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Report_DecidedOnTimeLateAndOpenOverdue_SharesMediansAndBreachesPerPolicy()
    {
        var clock = new ManualTimeProvider(Bj(11, 2, 9));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var policy = "report-" + Guid.NewGuid().ToString("N");
        var reviewer = new ReviewActor("reviewer-li", "reviewer");
        var onTime = await worklist.OpenAsync(UnknownIncome("case-a-" + policy, policyId: policy));
        var late = await worklist.OpenAsync(UnknownIncome("case-b-" + policy, policyId: policy));
        await worklist.OpenAsync(UnknownIncome("case-c-" + policy, policyId: policy));

        clock.Advance(TimeSpan.FromHours(2));
        await worklist.ClaimAsync(onTime, reviewer);
        clock.Advance(TimeSpan.FromHours(2));
        await worklist.ClaimAsync(late, reviewer);
        await worklist.DecideAsync(onTime, true, "confirmed", null, reviewer);
        clock.MoveTo(Bj(11, 12, 9));
        await worklist.DecideAsync(late, false, "income above the line", null, reviewer);

        var row = Assert.Single(await host.GetRequiredService<SlaReport>().BuildAsync(), r => r.PolicyId == policy);

        Assert.Equal(3, row.Items);
        Assert.Equal(2, row.Decided);
        Assert.Equal(0.5, row.DecidedOnTimeShare);
        Assert.Equal(TimeSpan.FromHours(3), row.MedianTimeToSign);
        Assert.Equal(TimeSpan.FromDays(5) + TimeSpan.FromHours(2), row.MedianTimeToDecide);
        // The late item missed its closing deadline; the open one missed both.
        Assert.Equal(3, row.Breaches);
        Assert.Equal("unassigned", row.Department);
    }

    [Fact]
    public async Task Calendar_NewYearFromConfiguration_HolidaysCountAsDaysOff()
    {
        using var files = new TemporaryDirectory();
        Directory.CreateDirectory(files.Root);
        await File.WriteAllTextAsync(files.Path("cn-2027.json"), """
            { "year": 2027, "source": "test notice", "holidays": [ { "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" } ],
              "workingWeekends": [ "2027-01-09" ] }
            """);
        var options = new ReviewOptions { BusinessHoursStart = TimeSpan.FromHours(9), BusinessHoursEnd = TimeSpan.FromHours(17) };
        options.CalendarFiles.Add("cn-2027.json");

        var calendar = ReviewsServiceCollectionExtensions.CreateCalendar(options, files.Root);

        Assert.False(calendar.IsProvisional(2027));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 9)));
        // Thursday 31 Dec 2026 16:00 + 2 working hours (09:00–17:00): one hour on the 31st, one on Monday 4 Jan.
        Assert.Equal(
            new DateTimeOffset(2027, 1, 4, 10, 0, 0, Beijing),
            calendar.AddWorkingTime(new DateTimeOffset(2026, 12, 31, 16, 0, 0, Beijing), TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task Sla_BusinessHoursConfigured_DefaultDeadlinesStayInWorkingDays()
    {
        var clock = new ManualTimeProvider(Bj(9, 18, 16));
        await using var host = ReviewServices.Build(_storage, clock, new Dictionary<string, string?>
        {
            ["Reviews:BusinessHoursStart"] = "09:00:00",
            ["Reviews:BusinessHoursEnd"] = "17:00:00",
        });
        var worklist = host.GetRequiredService<ReviewWorklist>();

        var view = await worklist.GetAsync(await worklist.OpenAsync(UnknownIncome("case-hours-" + Guid.NewGuid().ToString("N"))));

        // One working day to sign: Friday 16:00–17:00, then Sunday 20th (worked) 09:00–16:00.
        Assert.Equal(Bj(9, 20, 16), view.SignDueAt);
        // Seven working days to close: Fri 1 h, Sun, Mon–Thu (5 days), Mid-Autumn off, Mon 28th, then Tue 29th until 16:00.
        Assert.Equal(Bj(9, 29, 16), view.CloseDueAt);
    }
}
