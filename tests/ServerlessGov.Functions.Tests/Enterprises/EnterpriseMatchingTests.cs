using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Tests.Reviews;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// Publishing the sample policies and changing an enterprise's facts notify the matching enterprises through the
/// topic (a real HTTP receiver), once per (enterprise, policy version); the job-retention refund is paid once
/// through the case orchestration.
/// </summary>
public sealed class EnterpriseMatchingTests : IAsyncLifetime
{
    private RecordingWebhook _topic = null!;
    private EnterpriseAppHost _app = null!;

    public async Task InitializeAsync()
    {
        _topic = await RecordingWebhook.StartAsync();
        _app = await EnterpriseAppHost.StartAsync(_topic.Url);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _topic.DisposeAsync();
    }

    [Fact]
    public async Task Publish_EnterprisePolicies_NotifiesEligibleAndLikelyEligibleOnceAndNotTheIneligible()
    {
        var enterpriseId = TestEnterprises.NewId();
        await _app.ImportEnterpriseAsync(enterpriseId, TestEnterprises.NewCreditCode(), TestEnterprises.RetainingStaff());

        await _app.PublishSamplesAsync();

        var refund = NotificationEventIds.For(enterpriseId, "job-retention-refund", 1);
        var reward = NotificationEventIds.For(enterpriseId, "high-tech-certification-reward", 1);
        await Eventually.AssertAsync(() => Task.FromResult(_topic.DeliveredCount(refund) == 1 && _topic.DeliveredCount(reward) == 1), "both matches at the topic", TimeSpan.FromSeconds(30));
        var refundEvent = _topic.Arrivals.First(a => a.Id == refund);
        Assert.Equal("eligible", refundEvent.Data.GetProperty("outcome").GetString());
        Assert.Empty(refundEvent.Data.GetProperty("factsToConfirm").EnumerateArray());
        var rewardEvent = _topic.Arrivals.First(a => a.Id == reward);
        Assert.Equal("likely-eligible", rewardEvent.Data.GetProperty("outcome").GetString());
        Assert.Equal("enterprise.high_tech_certified_on", Assert.Single(rewardEvent.Data.GetProperty("factsToConfirm").EnumerateArray()).GetString());
        // The receiver has the event before the sender records its answer.
        await Eventually.AssertAsync(async () => (await _app.Deliveries.GetAsync(refund))?.State == DeliveryState.Sent, "the refund's delivery recorded as sent");

        await Eventually.AssertAsync(async () => await QueueLengthAsync("enterprise-shard-matching") == 0 && await QueueLengthAsync("enterprise-notifications") == 0, "matching finished");
        Assert.DoesNotContain(_topic.Arrivals, a => a.Id == NotificationEventIds.For(enterpriseId, "job-expansion-subsidy", 1));
        Assert.Equal(2, _topic.Arrivals.Count(a => a.Data.GetProperty("enterpriseId").GetString() == enterpriseId));
    }

    [Fact]
    public async Task ProfileChange_MakesAnEnterpriseEligible_NotifiesItOnceAfterTheChange()
    {
        var enterpriseId = TestEnterprises.NewId();
        await _app.ImportEnterpriseAsync(enterpriseId, TestEnterprises.NewCreditCode(), TestEnterprises.RetainingStaff(layoffRate: 8m));
        await _app.PublishSamplesAsync();
        var reward = NotificationEventIds.For(enterpriseId, "high-tech-certification-reward", 1);
        await Eventually.AssertAsync(() => Task.FromResult(_topic.DeliveredCount(reward) == 1), "the likely-eligible reward at the topic", TimeSpan.FromSeconds(30));
        var refund = NotificationEventIds.For(enterpriseId, "job-retention-refund", 1);
        Assert.Null(await _app.Deliveries.GetAsync(refund));

        await _app.SendSubjectChangeAsync(new
        {
            subjectId = enterpriseId,
            source = "hrss",
            facts = new[] { new { fact = "enterprise.layoff_rate", asOf = DateTimeOffset.UtcNow.AddMinutes(-1), value = 3.0m } },
        });

        await Eventually.AssertAsync(() => Task.FromResult(_topic.DeliveredCount(refund) == 1), "the refund notified after the layoff rate fell", TimeSpan.FromSeconds(30));
        await Eventually.AssertAsync(async () => await QueueLengthAsync("enterprise-profile-changes") == 0 && await QueueLengthAsync("enterprise-notifications") == 0, "re-matching finished");
        Assert.Equal(1, _topic.DeliveredCount(reward));
    }

    [Fact]
    public async Task Publish_EligibleEnterprise_IsPaidTheJobRetentionRefundOnceThroughTheCaseFlow()
    {
        var enterpriseId = TestEnterprises.NewId();
        await _app.ImportEnterpriseAsync(enterpriseId, TestEnterprises.NewCreditCode(), TestEnterprises.RetainingStaff());

        await _app.PublishSamplesAsync();

        var caseId = CaseIds.Case("job-retention-refund", enterpriseId, PolicyPeriod.Once);
        OrchestrationMetadata? paid = null;
        await Eventually.AssertAsync(async () => (paid = await _app.Durable.GetInstanceAsync(caseId, getInputsAndOutputs: true)) is { IsCompleted: true }, "the refund case completed", TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, paid!.RuntimeStatus);
        Assert.Equal(CaseOutcome.Paid, paid.ReadOutputAs<CaseResult>()!.Outcome);
        var key = new PayoutKey("job-retention-refund", new SubjectId(enterpriseId), PolicyPeriod.Once);
        var payout = await _app.Services.GetRequiredService<PayoutLedger>().GetAsync(key);
        Assert.Equal(PayoutState.Settled, payout!.State);
        Assert.Equal(600_000, payout.Amount.Fen);
        Assert.Equal(1, payout.Submissions);
        Assert.Equal(1, (await _app.Services.GetRequiredService<SandboxPaymentStore>().GetAsync(payout.IdempotencyKey, CancellationToken.None))!.Requests);
    }

    private Task<int> QueueLengthAsync(string queue) =>
        _app.Services.GetRequiredService<ServerlessGov.Storage.Queues.IQueueStore>().GetQueue(queue).GetApproximateCountAsync();
}
