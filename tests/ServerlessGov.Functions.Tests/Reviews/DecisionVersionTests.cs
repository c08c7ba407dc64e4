using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// What may refuse a reviewer's action: a change that matters to the decision (another decision, an assignment, new
/// evidence), never a step the system recorded meanwhile; and the rules for starting and for a supervisor's unsigned decision.
/// </summary>
public sealed class DecisionVersionTests : IClassFixture<SqliteStorageFixture>
{
    private static readonly ReviewActor Reviewer = new("reviewer-li", "reviewer");
    private readonly SqliteStorageFixture _storage;

    public DecisionVersionTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Decide_ReminderAndWarningRecordedSinceTheVersionWasRead_Succeeds()
    {
        var clock = new ManualTimeProvider(Bj(11, 2, 9));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var itemId = await worklist.OpenAsync(UnknownIncome("case-version-" + Guid.NewGuid().ToString("N"), ReviewPriority.Urgent));
        var read = await worklist.ClaimAsync(itemId, Reviewer);

        clock.Advance(TimeSpan.FromHours(19));
        var handler = host.GetRequiredService<ReviewEscalationHandler>();
        Assert.Equal(1, await handler.HandleAsync(new ReviewEscalation(itemId, ReviewDeadline.Close, EscalationLevel.Reminder)));
        Assert.Equal(2, await handler.HandleAsync(new ReviewEscalation(itemId, ReviewDeadline.Close, EscalationLevel.Warning)));

        var decided = await worklist.DecideAsync(itemId, true, "income confirmed", ReviewWorklist.EntityTag(read.Version), Reviewer);

        Assert.Equal(ReviewState.Decided, decided.Item.State);
        Assert.Equal(["Close-50", "Close-75"], decided.Item.Escalated.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Decide_EvidenceReceivedSinceTheVersionWasRead_IsRefusedAsAConflict()
    {
        var clock = new ManualTimeProvider(Bj(11, 2, 9));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var caseId = "case-evidence-" + Guid.NewGuid().ToString("N");
        var itemId = await worklist.OpenAsync(UnknownIncome(caseId));
        await worklist.ClaimAsync(itemId, Reviewer);
        await worklist.AskForEvidenceAsync(itemId, ["employer's income certificate"], Reviewer);
        var read = await worklist.GetAsync(itemId);

        await worklist.ReceiveEvidenceAsync(itemId, ["doc-income-2026"], new ReviewActor("subj-" + caseId, "resident"));

        var refused = await Assert.ThrowsAsync<ReviewConflictException>(() => worklist.DecideAsync(itemId, false, "income above the line", read.Version, Reviewer));
        Assert.Contains("changed since version", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewState.InProgress, (await worklist.GetAsync(itemId)).Item.State);
    }

    [Fact]
    public async Task Start_ItemNobodySigned_SaysItIsNotAssignedRatherThanHeldByAnother()
    {
        var clock = new ManualTimeProvider(Bj(11, 2, 9));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var itemId = await worklist.OpenAsync(UnknownIncome("case-start-" + Guid.NewGuid().ToString("N")));

        var refused = await Assert.ThrowsAsync<ReviewConflictException>(() => worklist.StartAsync(itemId, Reviewer));

        Assert.Contains("not assigned to anyone", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another reviewer", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SupervisorDecidesAnItemNobodySigned_CountedApartAndNotAsATimeToSign()
    {
        var clock = new ManualTimeProvider(Bj(11, 2, 9));
        await using var host = ReviewServices.Build(_storage, clock);
        var worklist = host.GetRequiredService<ReviewWorklist>();
        var policy = "unsigned-" + Guid.NewGuid().ToString("N");
        var signed = await worklist.OpenAsync(UnknownIncome("case-a-" + policy, policyId: policy));
        var unsigned = await worklist.OpenAsync(UnknownIncome("case-b-" + policy, policyId: policy));
        clock.Advance(TimeSpan.FromHours(1));
        await worklist.ClaimAsync(signed, Reviewer);
        clock.Advance(TimeSpan.FromHours(2));

        var decided = await worklist.DecideAsync(unsigned, false, "no entitlement", null, new ReviewActor("supervisor-zhao", "supervisor"));

        Assert.Null(decided.Item.SignedAt);
        Assert.Null(decided.Item.Assignee);
        var row = Assert.Single(await host.GetRequiredService<SlaReport>().BuildAsync(), r => r.PolicyId == policy);
        Assert.Equal(1, row.DecidedUnsigned);
        Assert.Equal(TimeSpan.FromHours(1), row.MedianTimeToSign);
        Assert.Equal(0, row.Breaches);
    }
}
