using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Operations;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Reviews;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PaymentFailureTests;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>A payment someone else put at the bank under a case's payout key: a conflict, never a payment the case reports as its own.</summary>
public sealed class PaymentConflictTests
{
    private const string Policy = "enterprise-retiree-holiday";

    [Fact]
    public async Task Payment_AnotherAccountsPaymentAlreadyUnderTheKey_NothingIsPaidAndTheCaseGoesToAReviewerWithTheReason()
    {
        const string subject = "r-key-taken";
        await using var app = await StartAsync();
        var key = new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once);
        // The same amount to another account, registered under the payout's key before the case pays (with the keys
        // keyed, only a leaked secret or a bank's mistake can do this; before, anyone could compute the key).
        var taken = await app.Services.GetRequiredService<IPaymentGateway>().SubmitAsync(
            new PaymentInstruction(CaseTestApp.KeyFor(key), new PayeeAccount("acct-outsider-0001"), Money.FromFen(30_000), "holiday payment"));
        Assert.Equal(SubmissionOutcome.Accepted, taken.Outcome);
        await app.ImportAsync(Retiree(subject));

        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        await WaitForStageAsync(app, caseId, CaseStage.InReview);

        var record = await app.Ledger.GetAsync(key);
        Assert.Equal(PayoutState.Conflict, record!.State);
        Assert.Contains("payee account", record.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("acct-", record.Reason, StringComparison.Ordinal);
        Assert.Equal(0, record.Submissions);
        var atBank = await app.Bank.GetAsync(record.IdempotencyKey, CancellationToken.None);
        Assert.Equal(("acct-outsider-0001", 1), (atBank!.PayeeAccount, atBank.Requests));
        var worklist = app.Services.GetRequiredService<ReviewWorklist>();
        await CaseTestApp.WaitUntilAsync(async () => (await worklist.ListAsync(new ReviewListFilter())).Any(i => i.Item.CaseInstanceId == caseId), "the review item");
        var item = (await worklist.ListAsync(new ReviewListFilter())).Single(i => i.Item.CaseInstanceId == caseId).Item;
        Assert.Equal(ReviewReasonKind.PaymentConflict, item.Kind);
        Assert.Contains(item.Reasons, r => r.Subject.Contains("payee account", StringComparison.Ordinal));
        Assert.DoesNotContain(await NotificationsAsync(app, subject), n => n.Template == "case-paid");

        // The operators count it among the payments that need a look, with its reason.
        var problems = (await app.Services.GetRequiredService<OperationsDashboard>().RefreshAsync()).Payments;
        Assert.Equal(1, problems.Conflicts);
        var shown = Assert.Single(problems.Recent, p => p.State == nameof(PayoutState.Conflict));
        Assert.Equal(record.IdempotencyKey, shown.IdempotencyKey);
        Assert.Contains("payee account", shown.Reason, StringComparison.Ordinal);
    }
}
