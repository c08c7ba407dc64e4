using System.Globalization;
using Microsoft.DurableTask.Client;
using ServerlessGov.Functions;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Testing;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// The escalation ladder on the 2026 calendar, driven by the review orchestration's durable timers and the sweep
/// together, on a clock the test moves: every step notifies its recipients once, at its working-time moment, never early.
/// </summary>
public sealed class EscalationLadderTests
{
    [Fact]
    public async Task Ladder_NormalItemAcrossWeekendSwappedWorkdayAndMidAutumn_EachStepNotifiesOnceAtItsMoment()
    {
        // Friday 18 Sept 16:00: Saturday is off, Sunday 20 Sept is a swapped working day, 25–27 Sept is Mid-Autumn.
        var clock = new ManualTimeProvider(Bj(9, 18, 16));
        await using var host = await ReviewTestHost.StartAsync(clock);
        var ladder = new LadderProbe(host, clock);
        var request = UnknownIncome("case-ladder");
        await host.Durable.StartOnceAsync(ReviewOrchestrations.Review, request, request.WaitingInstanceId);
        var itemId = ReviewWorklist.ItemIdFor(request.WaitingInstanceId);
        await Eventually.AssertAsync(async () => (await host.Worklist.ListAsync(new ReviewListFilter())).Count == 1, "the item opens");

        // Signing: 24 working hours. Friday counts 8 h, Saturday none, Sunday (worked) the rest.
        await ladder.StepAsync(itemId, "Sign-50", Bj(9, 20, 4), "role:reviewer");
        await ladder.StepAsync(itemId, "Sign-75", Bj(9, 20, 10), "role:reviewer", "role:supervisor");
        await ladder.StepAsync(itemId, "Sign-100", Bj(9, 20, 16), "role:supervisor", "head-of-civil-affairs");
        Assert.True((await host.Worklist.GetAsync(itemId)).Item.Overdue);

        clock.MoveTo(Bj(9, 20, 17));
        using var reviewer = host.ClientAs("reviewer", "reviewer-li");
        (await reviewer.PostAsync(new Uri($"api/reviews/{itemId}/claim", UriKind.Relative), null)).EnsureSuccessStatusCode();

        // Closing: 7 working days (168 h) from Friday 16:00, skipping the weekend and Mid-Autumn, counting Sunday 20th.
        await ladder.StepAsync(itemId, "Close-50", Bj(9, 23, 4), "reviewer-li");
        await ladder.StepAsync(itemId, "Close-75", Bj(9, 24, 22), "reviewer-li", "role:supervisor");
        await ladder.StepAsync(itemId, "Close-100", Bj(9, 29, 16), "role:supervisor", "head-of-civil-affairs");

        await host.Worklist.DecideAsync(itemId, approved: true, "income confirmed by the street office", null, new ReviewActor("reviewer-li", "reviewer"));
        var done = await host.Durable.WaitForInstanceCompletionAsync(request.WaitingInstanceId, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<ReviewDecision>()!.Approved);
        Assert.Equal(10, (await host.NotificationsAsync()).Count);
    }

    [Fact]
    public async Task Ladder_NationalDayWeekAndEvidencePause_ClockSkipsHolidaysAndStopsWhileWaiting()
    {
        // Wednesday 30 Sept 10:00; 1–7 Oct are off, Saturday 10 Oct is worked.
        var clock = new ManualTimeProvider(Bj(9, 30, 10));
        await using var host = await ReviewTestHost.StartAsync(clock);
        var ladder = new LadderProbe(host, clock);
        var request = UnknownIncome("case-national-day");
        await host.Durable.StartOnceAsync(ReviewOrchestrations.Review, request, request.WaitingInstanceId);
        var itemId = ReviewWorklist.ItemIdFor(request.WaitingInstanceId);
        await Eventually.AssertAsync(async () => (await host.Worklist.ListAsync(new ReviewListFilter())).Count == 1, "the item opens");
        var reviewer = new ReviewActor("reviewer-wang", "reviewer");
        await host.Worklist.ClaimAsync(itemId, reviewer);

        await ladder.StepAsync(itemId, "Close-50", Bj(10, 10, 22), "reviewer-wang");

        clock.MoveTo(Bj(10, 12, 10));
        await host.Worklist.AskForEvidenceAsync(itemId, ["income certificate from the employer"], reviewer);
        clock.MoveTo(Bj(10, 14, 10));
        await host.Worklist.ReceiveEvidenceAsync(itemId, ["doc-7781"], new ReviewActor("subj-case-national-day", "resident"));

        // Unpaused, 75 % would have been Tue 13 Oct 16:00 and breach Thu 15 Oct 10:00; the 48 working hours of waiting move both.
        await ladder.StepAsync(itemId, "Close-75", Bj(10, 15, 16), "reviewer-wang", "role:supervisor");
        await ladder.StepAsync(itemId, "Close-100", Bj(10, 19, 10), "role:supervisor", "head-of-civil-affairs");
    }

    /// <summary>Moves the clock up to a step and past it, running the sweep alongside the timers, and checks what was notified.</summary>
    private sealed class LadderProbe(ReviewTestHost host, ManualTimeProvider clock)
    {
        private readonly List<string> _expected = [];

        public async Task StepAsync(string itemId, string step, DateTimeOffset due, params string[] recipients)
        {
            clock.MoveTo(due - TimeSpan.FromMinutes(1));
            await host.Sweep.RunAsync();
            await Task.Delay(700);
            Assert.Equal(_expected.Order(), await KeysAsync());

            clock.MoveTo(due);
            _expected.AddRange(recipients.Select(r => $"review/{itemId}/{step}/{r}"));
            await Eventually.AssertAsync(async () => (await KeysAsync()).SequenceEqual(_expected.Order()), $"{step} notifies {string.Join(", ", recipients)}");
            await host.Sweep.RunAsync();
            await Task.Delay(500);
            Assert.Equal(_expected.Order(), await KeysAsync());
            var notified = (await host.NotificationsAsync()).Where(n => n.Key.Contains($"/{step}/", StringComparison.Ordinal));
            Assert.All(notified, n => Assert.Equal(due, DateTimeOffset.Parse(n.Values["dueAt"], CultureInfo.InvariantCulture)));
        }

        private async Task<List<string>> KeysAsync() => (await host.NotificationsAsync()).Select(n => n.Key).Order().ToList();
    }
}
