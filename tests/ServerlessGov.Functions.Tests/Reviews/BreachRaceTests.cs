using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// A breach is a fact about time: whoever acts on an item just before, at or just after a deadline, and whenever the
/// escalation message runs (before the action, delayed until after it, delivered twice), the item is overdue exactly
/// when the report counts a breach, and the supervisor and department head are told of it exactly once.
/// </summary>
public sealed class BreachRaceTests : IClassFixture<SqliteStorageFixture>
{
    private static readonly ReviewActor Reviewer = new("reviewer-li", "reviewer");
    private readonly SqliteStorageFixture _storage;

    public BreachRaceTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task Claim_SecondsFromSignDeadlineWithEscalationDelayedAndRedelivered_BreachRecordedAndToldOnceOnlyWhenLate(int seconds, bool late)
    {
        var clock = new ManualTimeProvider(Bj(9, 18, 16));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var policy = "race-sign-" + Guid.NewGuid().ToString("N");
        var itemId = await worklist.OpenAsync(UnknownIncome("case-" + policy, policyId: policy));
        var due = (await worklist.GetAsync(itemId)).SignDueAt!.Value;

        clock.MoveTo(due + TimeSpan.FromSeconds(seconds));
        var claimed = await worklist.ClaimAsync(itemId, Reviewer);
        await HandleTwiceAsync(host, itemId, ReviewDeadline.Sign);
        await ReviewServices.DrainEscalationsAsync(host, itemId);

        Assert.Equal(late, claimed.Item.Overdue);
        Assert.Equal(late, (await worklist.GetAsync(itemId)).Item.Overdue);
        Assert.Equal(late ? ["head-of-civil-affairs", "role:supervisor"] : [], await BreachRecipientsAsync(host, itemId, "Sign-100"));
        Assert.Equal(late ? 1 : 0, await BreachesInReportAsync(host, policy));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public async Task Decide_SecondsFromCloseDeadlineWithEscalationDelayedAndRedelivered_BreachRecordedAndToldOnceOnlyWhenLate(int seconds, bool late)
    {
        var clock = new ManualTimeProvider(Bj(11, 2, 9));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var policy = "race-close-" + Guid.NewGuid().ToString("N");
        var itemId = await worklist.OpenAsync(UnknownIncome("case-" + policy, ReviewPriority.Urgent, policy));
        clock.Advance(TimeSpan.FromMinutes(1));
        await worklist.ClaimAsync(itemId, Reviewer);
        var due = (await worklist.GetAsync(itemId)).CloseDueAt!.Value;

        clock.MoveTo(due + TimeSpan.FromSeconds(seconds));
        var decided = await worklist.DecideAsync(itemId, true, "income confirmed", null, Reviewer);
        await HandleTwiceAsync(host, itemId, ReviewDeadline.Close);
        await ReviewServices.DrainEscalationsAsync(host, itemId);

        Assert.Equal(late, decided.Item.Overdue);
        Assert.Equal(late ? ["head-of-civil-affairs", "role:supervisor"] : [], await BreachRecipientsAsync(host, itemId, "Close-100"));
        var row = Assert.Single(await host.GetRequiredService<SlaReport>().BuildAsync(), r => r.PolicyId == policy);
        Assert.Equal(late ? 1 : 0, row.Breaches);
        Assert.Equal(late ? 0.0 : 1.0, row.DecidedOnTimeShare);
    }

    [Fact]
    public async Task Breach_ActionLateAndItsQueueMessageLost_SweepStillTellsOnce()
    {
        var clock = new ManualTimeProvider(Bj(9, 18, 16));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var itemId = await worklist.OpenAsync(UnknownIncome("case-lost-" + Guid.NewGuid().ToString("N")));
        clock.MoveTo((await worklist.GetAsync(itemId)).SignDueAt!.Value + TimeSpan.FromSeconds(1));
        await worklist.ClaimAsync(itemId, Reviewer);
        await DropQueuedAsync(host);

        Assert.Equal(1, await host.GetRequiredService<ReviewSweep>().RunAsync());
        await ReviewServices.DrainEscalationsAsync(host, itemId);
        Assert.Equal(0, await host.GetRequiredService<ReviewSweep>().RunAsync());

        Assert.Equal(["head-of-civil-affairs", "role:supervisor"], await BreachRecipientsAsync(host, itemId, "Sign-100"));
        Assert.Contains("Sign-100", (await worklist.GetAsync(itemId)).Item.Escalated);
    }

    private static async Task HandleTwiceAsync(ServiceProvider host, string itemId, ReviewDeadline deadline)
    {
        var handler = host.GetRequiredService<ReviewEscalationHandler>();
        await handler.HandleAsync(new ReviewEscalation(itemId, deadline, EscalationLevel.Breach));
        await handler.HandleAsync(new ReviewEscalation(itemId, deadline, EscalationLevel.Breach));
    }

    private static async Task DropQueuedAsync(ServiceProvider host)
    {
        var queue = host.GetRequiredService<ServerlessGov.Storage.Queues.IQueueStore>().GetQueue(ReviewEscalation.QueueName);
        await queue.CreateIfNotExistsAsync();
        while (await queue.ReceiveAsync(32) is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    private static async Task<List<string>> BreachRecipientsAsync(ServiceProvider host, string itemId, string step)
    {
        var inbox = host.GetRequiredService<NotificationInbox>();
        var recipients = new List<string>();
        foreach (var recipient in new[] { "role:supervisor", "head-of-civil-affairs", "role:reviewer", "reviewer-li" })
        {
            recipients.AddRange((await inbox.ListAsync(recipient)).Where(n => n.IdempotencyKey == $"review/{itemId}/{step}/{recipient}").Select(n => n.Recipient));
        }

        return recipients.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<int> BreachesInReportAsync(ServiceProvider host, string policy) =>
        Assert.Single(await host.GetRequiredService<SlaReport>().BuildAsync(), r => r.PolicyId == policy).Breaches;
}
