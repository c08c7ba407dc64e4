using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Cases.Triggers;
using ServerlessGov.Functions.Payouts;
using static ServerlessGov.Functions.Tests.Cases.TestFact;

namespace ServerlessGov.Functions.Tests.Cases;

public sealed class PolicyRunEndToEndTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public async Task PublishSamples_ProvenUnknownAndIneligibleResidents_PaysTheProvenOnceReviewsTheUnknownAndOpensNothingElse()
    {
        await using var app = await CaseTestApp.StartAsync();
        var recent = DateTimeOffset.UtcNow.AddDays(-1);
        await app.ImportAsync(
            new TestSubject("r-proven-1", SubjectKind.Resident, BirthDate(Today.AddYears(-85)), District("余杭区"), Deceased(false), Retirement("enterprise")),
            new TestSubject("r-unknown-1", SubjectKind.Resident, BirthDate(Today.AddYears(-91)), District("余杭区"), Deceased(false, recent.AddDays(-200)), Retirement("none")),
            new TestSubject("r-young-1", SubjectKind.Resident, BirthDate(Today.AddYears(-40)), District("余杭区"), Deceased(false), Retirement("none")));

        await app.PublishSamplesAsync();

        var holiday = CaseIds.Case("enterprise-retiree-holiday", "r-proven-1", PolicyPeriod.Once);
        var allowanceMonth = CaseIds.Case("old-age-allowance", "r-proven-1", PolicyPeriod.Month(new BusinessDate(Today)).Name);
        await WaitForOutcomeAsync(app, holiday, CaseOutcome.Paid);
        await WaitForStageAsync(app, allowanceMonth, CaseStage.Paid);
        var unknownAllowance = CaseIds.Case("old-age-allowance", "r-unknown-1", PolicyPeriod.Month(new BusinessDate(Today)).Name);
        await WaitForStageAsync(app, unknownAllowance, CaseStage.InReview);

        var paid = await app.Ledger.GetAsync(new PayoutKey("enterprise-retiree-holiday", new SubjectId("r-proven-1"), PolicyPeriod.Once));
        Assert.Equal(PayoutState.Settled, paid!.State);
        Assert.Equal(1, paid.Submissions);
        var atBank = (await app.Bank.GetAsync(paid.IdempotencyKey, CancellationToken.None))!;
        Assert.Equal(PaymentState.Settled, atBank.Status);
        var instructedAt = (await app.Durable.GetInstanceAsync(holiday, getInputsAndOutputs: true))!.ReadOutputAs<CaseResult>()!.InstructedAt;
        Assert.Equal(paid.InstructedAt, instructedAt);
        Assert.True(instructedAt >= atBank.ReceivedAt && instructedAt < paid.UpdatedAt, "the case reports when the bank took the instruction, not when it settled");
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Case("enterprise-retiree-holiday", "r-young-1", PolicyPeriod.Once), getInputsAndOutputs: true));
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Allowance("old-age-allowance", "r-young-1"), getInputsAndOutputs: true));
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey("old-age-allowance", new SubjectId("r-unknown-1"), PolicyPeriod.Month(new BusinessDate(Today)).Name)));
    }

    [Fact]
    public async Task PolicyRun_RunAgainByHandAfterPayment_OpensNoSecondCaseAndPaysNoOneTwice()
    {
        await using var app = await CaseTestApp.StartAsync();
        await app.ImportAsync(new TestSubject("r-twice-1", SubjectKind.Resident, BirthDate(Today.AddYears(-70)), District("余杭区"), Deceased(false), Retirement("enterprise")));
        await app.PublishSamplesAsync();
        var holiday = CaseIds.Case("enterprise-retiree-holiday", "r-twice-1", PolicyPeriod.Once);
        await WaitForOutcomeAsync(app, holiday, CaseOutcome.Paid);

        var starter = (PolicyRunStarter)app.Services.GetService(typeof(PolicyRunStarter))!;
        var rerun = await starter.StartAsync("enterprise-retiree-holiday", 1, "manual");
        var summary = await app.Durable.WaitForInstanceCompletionAsync(rerun, getInputsAndOutputs: true);

        var progress = summary.ReadOutputAs<PolicyRunProgress>()!;
        Assert.Equal(1, progress.Counts.Automatic);
        var key = new PayoutKey("enterprise-retiree-holiday", new SubjectId("r-twice-1"), PolicyPeriod.Once);
        var record = await app.Ledger.GetAsync(key);
        Assert.Equal(1, record!.Submissions);
        Assert.Equal(1, (await app.Bank.GetAsync(await app.BankKeyAsync(key), CancellationToken.None))!.Requests);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.Durable.GetInstanceAsync(holiday, getInputsAndOutputs: true))!.RuntimeStatus);
    }

    internal static async Task WaitForOutcomeAsync(CaseTestApp app, string instanceId, CaseOutcome outcome, TimeSpan? timeout = null)
    {
        OrchestrationMetadata? last = null;
        await CaseTestApp.WaitUntilAsync(async () =>
        {
            last = await app.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            return last is { IsCompleted: true };
        }, $"{instanceId} to complete", () => Describe(last), timeout ?? TimeSpan.FromSeconds(90));
        Assert.True(last!.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instanceId} ended {last.RuntimeStatus}: {last.FailureDetails?.ErrorMessage}");
        Assert.Equal(outcome, last.ReadOutputAs<CaseResult>()!.Outcome);
    }

    internal static async Task WaitForStageAsync(CaseTestApp app, string instanceId, CaseStage stage, TimeSpan? timeout = null)
    {
        OrchestrationMetadata? last = null;
        await CaseTestApp.WaitUntilAsync(async () =>
        {
            last = await app.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            return last?.SerializedCustomStatus is not null && last.ReadCustomStatusAs<CaseProgress>()?.Stage == stage;
        }, $"{instanceId} to reach {stage}", () => Describe(last), timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>What a wait saw of an instance last, for its timeout message: none yet, or its status and progress.</summary>
    private static string Describe(OrchestrationMetadata? instance) => instance is null
        ? "no such instance"
        : $"{instance.RuntimeStatus}, updated {instance.LastUpdatedAt:O}, progress {instance.SerializedCustomStatus ?? "none"}";

    /// <summary>
    /// Waits until the case is at <paramref name="stage"/> and waits for the resident (its notice has gone out and its
    /// deadline is armed), and returns that deadline: a test that moves the clock must move it from there.
    /// </summary>
    internal static async Task<DateTimeOffset> WaitForAnswerByAsync(CaseTestApp app, string instanceId, CaseStage stage)
    {
        DateTimeOffset? answerBy = null;
        await CaseTestApp.WaitUntilAsync(async () =>
        {
            var instance = await app.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            var progress = instance?.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<CaseProgress>();
            answerBy = progress?.Stage == stage ? progress.AnswerBy : null;
            return answerBy is not null;
        }, $"{instanceId} to wait at {stage} with a deadline");
        return answerBy!.Value;
    }
}
