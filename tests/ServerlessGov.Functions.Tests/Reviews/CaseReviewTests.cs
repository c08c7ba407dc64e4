using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Functions.Tests.Cases;
using ServerlessGov.Hosting.Security;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;
using static ServerlessGov.Functions.Tests.Cases.TestFact;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// Reviews as a case runs them, inside the case itself, through the real app and the worklist's HTTP API: the
/// reviewer's decision moves the case on, and a decision on the case's earlier review, sent again, never decides a
/// later one.
/// </summary>
public sealed class CaseReviewTests
{
    private const string Policy = "enterprise-retiree-holiday";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public async Task CaseReview_ApprovedThenPaymentFailedAndFirstDecisionSentAgain_OnlyTheSecondReviewsDecisionEndsTheCase()
    {
        const string subject = "r-review-twice";
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        var closedSuffix = PaymentFailureTests.ClosedSuffixOf(subject);
        await using var app = await StartAsync(clock, new Dictionary<string, string?> { ["SandboxBank:ClosedAccountSuffixes:0"] = closedSuffix });

        // No retirement record: the data cannot prove eligibility, so the case opens in review.
        await app.ImportAsync(new TestSubject(subject, SubjectKind.Resident, BirthDate(Today.AddYears(-66)), District("余杭区"), Deceased(false)));
        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        await WaitForStageAsync(app, caseId, CaseStage.InReview);
        var worklist = app.Services.GetRequiredService<ReviewWorklist>();
        var unknownFacts = await ItemAsync(worklist, caseId, ReviewReasonKind.UnknownFacts);

        using var reviewer = ClientAs(app, FunctionRoles.Reviewer, "reviewer-zhao");
        using (var claimed = await reviewer.PostAsync(new Uri($"reviews/{unknownFacts.Id}/claim", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        var approval = new { approved = true, reason = "enterprise pension record seen at the counter" };
        using (var approved = await reviewer.PostAsJsonAsync(new Uri($"reviews/{unknownFacts.Id}/decision", UriKind.Relative), approval))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        // Approved: the case pays, the bank refuses the closed account, nobody gives another for 14 days: a second review.
        clock.MoveTo(await WaitForAnswerByAsync(app, caseId, CaseStage.PaymentFailed) + TimeSpan.FromMinutes(1));
        await WaitForStageAsync(app, caseId, CaseStage.InReview);
        var failedPayment = await ItemAsync(worklist, caseId, ReviewReasonKind.FailedPayment);
        Assert.NotEqual(unknownFacts.Id, failedPayment.Id);

        // The reviewer sends the first approval again: answered again, but it must not approve the failed payment's retry.
        using (var resent = await reviewer.PostAsJsonAsync(new Uri($"reviews/{unknownFacts.Id}/decision", UriKind.Relative), approval))
        {
            Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        }

        await Task.Delay(2000);
        Assert.Equal(CaseStage.InReview, await StageAsync(app, caseId));
        var retryKey = new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r1");
        Assert.Null(await app.Ledger.GetAsync(retryKey));

        using var supervisor = ClientAs(app, FunctionRoles.Supervisor, "supervisor-qian");
        using (var rejected = await supervisor.PostAsJsonAsync(new Uri($"reviews/{failedPayment.Id}/decision", UriKind.Relative), new { approved = false, reason = "no working account was given" }))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        await WaitForOutcomeAsync(app, caseId, CaseOutcome.Rejected);
        var first = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once));
        Assert.Equal(PayoutState.Failed, first!.State);
        Assert.Equal(1, (await app.Bank.GetAsync(first.IdempotencyKey, CancellationToken.None))!.Requests);
        Assert.Null(await app.Ledger.GetAsync(retryKey));
    }

    [Fact]
    public async Task CaseOpenedInReview_ItsItemIsOnTheWorklistBeforeTheCaseStarts_AndTheCaseWaitsOnThatItem()
    {
        const string subject = "r-review-on-open";
        await using var app = await StartAsync(new ShiftedClock(DateTimeOffset.UtcNow));
        await app.ImportAsync(new TestSubject(subject, SubjectKind.Resident, BirthDate(Today.AddYears(-70)), District("余杭区"), Deceased(false)));

        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        await WaitForStageAsync(app, caseId, CaseStage.InReview);

        // The run's starter opened the item and handed it to the case with its ladder, so the case's first episode
        // armed the first escalation timer without an activity of its own.
        var item = await ItemAsync(app.Services.GetRequiredService<ReviewWorklist>(), caseId, ReviewReasonKind.UnknownFacts);
        var instance = (await app.Durable.GetInstanceAsync(caseId, getInputsAndOutputs: true))!;
        var opened = instance.ReadInputAs<CaseInput>()!.Review;
        Assert.NotNull(opened);
        Assert.Equal(item.Id, opened.ItemId);
        Assert.Contains(opened.Steps, s => s.DueAt is not null);
        Assert.True(item.OpenedAt <= instance.CreatedAt, "the item is opened before the case starts");

        using var reviewer = ClientAs(app, FunctionRoles.Reviewer, "reviewer-sun");
        using (var claimed = await reviewer.PostAsync(new Uri($"reviews/{item.Id}/claim", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        using (var rejected = await reviewer.PostAsJsonAsync(new Uri($"reviews/{item.Id}/decision", UriKind.Relative), new { approved = false, reason = "not an enterprise retiree" }))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        await WaitForOutcomeAsync(app, caseId, CaseOutcome.Rejected);
    }

    [Fact]
    public async Task FailedPaymentReview_PolicyMarksItUrgentForResidentsInHardship_OpensOnTheUrgentTrackWhileTheFirstReviewWasNormal()
    {
        const string subject = "r-urgent-hardship";
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var app = await StartAsync(clock, new Dictionary<string, string?> { ["SandboxBank:ClosedAccountSuffixes:0"] = PaymentFailureTests.ClosedSuffixOf(subject) });
        await app.ImportAsync(new TestSubject(subject, SubjectKind.Resident, BirthDate(Today.AddYears(-66)), District("余杭区"), Deceased(false),
            new TestFact("household.dibao", "civil_affairs", ServerlessGov.Domain.Rules.RuleValue.Bool(true))));
        await PublishSampleAsync(app, Policy, document => document["review"] = System.Text.Json.Nodes.JsonNode.Parse(
            """{"urgentWhen": [{"reason": "failedPayment", "when": "household.dibao"}]}"""));
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        await WaitForStageAsync(app, caseId, CaseStage.InReview);
        var worklist = app.Services.GetRequiredService<ReviewWorklist>();
        var unknownFacts = await ItemAsync(worklist, caseId, ReviewReasonKind.UnknownFacts);
        Assert.Equal(ReviewPriority.Normal, unknownFacts.Priority);

        using var reviewer = ClientAs(app, FunctionRoles.Reviewer, "reviewer-zhao");
        (await reviewer.PostAsync(new Uri($"reviews/{unknownFacts.Id}/claim", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync(new Uri($"reviews/{unknownFacts.Id}/decision", UriKind.Relative), new { approved = true, reason = "pension record seen" })).EnsureSuccessStatusCode();
        clock.MoveTo(await WaitForAnswerByAsync(app, caseId, CaseStage.PaymentFailed) + TimeSpan.FromMinutes(1));
        await WaitForStageAsync(app, caseId, CaseStage.InReview);

        var failedPayment = (await worklist.GetAsync((await ItemAsync(worklist, caseId, ReviewReasonKind.FailedPayment)).Id));
        Assert.Equal(ReviewPriority.Urgent, failedPayment.Item.Priority);
        Assert.Equal("reason:failedPayment", failedPayment.Item.UrgentBecause);
        Assert.Equal(failedPayment.Item.OpenedAt + TimeSpan.FromMinutes(5), failedPayment.SignDueAt);
    }

    private static async Task<ReviewItem> ItemAsync(ReviewWorklist worklist, string caseId, ReviewReasonKind kind)
    {
        ReviewItem? item = null;
        await CaseTestApp.WaitUntilAsync(async () =>
        {
            item = (await worklist.ListAsync(new ReviewListFilter())).Select(v => v.Item).SingleOrDefault(i => i.CaseInstanceId == caseId && i.Kind == kind);
            return item is not null;
        }, $"the {kind} review item of {caseId}");
        return item!;
    }
}
