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
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Hosting.Security;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;
using static ServerlessGov.Functions.Tests.Cases.TestFact;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// A payment that does not reach the resident (closed account, returned by the payee's bank, a bank that times out)
/// through the case and its endpoints: paid once to a corrected account, or handed to a reviewer, never a silent end.
/// </summary>
public sealed class PaymentFailureTests
{
    private const string Policy = "enterprise-retiree-holiday";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [Fact]
    public async Task FailedPayment_ClosedAccountThenCorrectedThroughTheEndpoint_PaysTheNewAccountOnce()
    {
        const string subject = "r-closed-acct";
        await using var app = await StartAsync(settings: new Dictionary<string, string?> { ["SandboxBank:ClosedAccountSuffixes:0"] = ClosedSuffixOf(subject) });
        await app.ImportAsync(Retiree(subject));
        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        await WaitForStageAsync(app, caseId, CaseStage.PaymentFailed);

        using var resident = ClientAs(app, FunctionRoles.Resident, subject);
        var path = CasePath(Policy, subject, PolicyPeriod.Once);
        var failed = await JsonAsync(await resident.GetAsync(path));
        Assert.Equal("account", failed.GetProperty("waitingFor").GetString());
        Assert.Contains("closed", failed.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await NotificationsAsync(app, subject), n => n.Template == "payment-failed");
        var invalid = await resident.PostAsJsonAsync(path + "/account", new { payeeAccount = "x!" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty("payeeAccount", out _));
        using var stranger = ClientAs(app, FunctionRoles.Resident, "r-someone-else");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync(path + "/account", new { payeeAccount = "acct-stranger-0001" })).StatusCode);

        var corrected = await resident.PostAsJsonAsync(path + "/account", new { payeeAccount = "acct-corrected-0001" });
        Assert.Equal(HttpStatusCode.Accepted, corrected.StatusCode);
        var repeated = await resident.PostAsJsonAsync(path + "/account", new { payeeAccount = "acct-corrected-0002" });
        Assert.Contains(repeated.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict });

        await WaitForOutcomeAsync(app, caseId, CaseOutcome.Paid);
        var first = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once));
        var retry = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r1"));
        Assert.Equal(PayoutState.Failed, first!.State);
        Assert.Equal(PayoutState.Settled, retry!.State);
        Assert.Equal("acct-corrected-0001", retry.Payee.Value);
        Assert.Equal(first.Amount, retry.Amount);
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r2")));
        Assert.Equal(1, (await app.Bank.GetAsync(retry.IdempotencyKey, CancellationToken.None))!.Requests);
        var paid = await JsonAsync(await resident.GetAsync(path));
        Assert.Equal("Paid", paid.GetProperty("outcome").GetString());
        Assert.Equal("acct-****0001", paid.GetProperty("payeeAccount").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync(path + "/account", new { payeeAccount = "acct-corrected-0003" })).StatusCode);
    }

    [Fact]
    public async Task FailedPayment_DuplicateCorrectionArrivesAfterTheRetryFailedToo_IsIgnoredAndTheResidentIsAskedAgain()
    {
        const string subject = "r-closed-twice";
        await using var app = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["SandboxBank:ClosedAccountSuffixes:0"] = ClosedSuffixOf(subject),
            ["SandboxBank:ClosedAccountSuffixes:1"] = "-closed",
        });
        await app.ImportAsync(Retiree(subject));
        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        await WaitForStageAsync(app, caseId, CaseStage.PaymentFailed);
        using var resident = ClientAs(app, FunctionRoles.Resident, subject);
        var path = CasePath(Policy, subject, PolicyPeriod.Once);

        // The first correction names a closed account too; a copy of the first correction arrives late (a double submit).
        Assert.Equal(HttpStatusCode.Accepted, (await resident.PostAsJsonAsync(path + "/account", new { payeeAccount = "acct-also-closed" })).StatusCode);
        await app.Durable.RaiseEventAsync(caseId, CaseEvents.AccountCorrected, new AccountCorrection("acct-stale-copy", Attempt: 0));
        await CaseTestApp.WaitUntilAsync(async () => (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r1")))?.State == PayoutState.Failed, "the retry to fail");
        await Task.Delay(1500);

        Assert.Equal(CaseStage.PaymentFailed, await StageAsync(app, caseId));
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r2")));
        Assert.Equal(HttpStatusCode.Accepted, (await resident.PostAsJsonAsync(path + "/account", new { payeeAccount = "acct-working-0003" })).StatusCode);
        await WaitForOutcomeAsync(app, caseId, CaseOutcome.Paid);
        Assert.Equal("acct-working-0003", (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r2")))!.Payee.Value);
    }

    [Fact]
    public async Task ReturnedPayment_OperatorGivesTheCorrectedAccount_PaysAgainOnceAndTheReturnStaysOnRecord()
    {
        var options = new SandboxBankOptions { ReturnShare = 0.5 };
        var subject = Enumerable.Range(0, 200).Select(i => $"r-returned-{i:D3}").First(s =>
            SandboxBankRules.WillReturn(options, KeyOf(s, PolicyPeriod.Once)) && !SandboxBankRules.WillReturn(options, KeyOf(s, PolicyPeriod.Once + "-r1")));
        await using var app = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["SandboxBank:ReturnShare"] = "0.5",
            ["SandboxBank:ReturnDelay"] = "00:00:00.300",
            ["Cases:ReturnWatch"] = "00:00:04",
        });
        await app.ImportAsync(Retiree(subject));
        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        await WaitForStageAsync(app, caseId, CaseStage.PaymentFailed);

        using var operatorClient = ClientAs(app, FunctionRoles.Operator, "op-li");
        var path = CasePath(Policy, subject, PolicyPeriod.Once);
        Assert.Equal(HttpStatusCode.Accepted, (await operatorClient.PostAsJsonAsync(path + "/account", new { payeeAccount = "acct-after-return-1" })).StatusCode);

        await WaitForOutcomeAsync(app, caseId, CaseOutcome.Paid);
        var returned = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once));
        var retry = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r1"));
        Assert.Equal(PayoutState.Returned, returned!.State);
        Assert.Equal(PayoutState.Settled, retry!.State);
        Assert.Equal(PaymentState.Returned, (await app.Bank.GetAsync(returned.IdempotencyKey, CancellationToken.None))!.Status);
        Assert.Equal(PaymentState.Settled, (await app.Bank.GetAsync(retry.IdempotencyKey, CancellationToken.None))!.Status);
        Assert.Contains(await NotificationsAsync(app, subject), n => n.Template == "payment-failed");
    }

    [Fact]
    public async Task FailedPayment_NoCorrectionWithinFourteenDays_GoesToAReviewerAndKeepsWaiting()
    {
        const string subject = "r-closed-silent";
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var app = await StartAsync(clock, new Dictionary<string, string?> { ["SandboxBank:ClosedAccountSuffixes:0"] = ClosedSuffixOf(subject) });
        await app.ImportAsync(Retiree(subject));
        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        var answerBy = await WaitForAnswerByAsync(app, caseId, CaseStage.PaymentFailed);
        Assert.InRange(answerBy - clock.GetUtcNow(), TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(14));

        clock.MoveTo(answerBy - TimeSpan.FromMinutes(5));
        await Task.Delay(1500);
        Assert.Equal(CaseStage.PaymentFailed, await StageAsync(app, caseId));

        clock.MoveTo(answerBy + TimeSpan.FromMinutes(1));
        await WaitForStageAsync(app, caseId, CaseStage.InReview);
        var worklist = app.Services.GetRequiredService<ReviewWorklist>();
        await CaseTestApp.WaitUntilAsync(async () => (await worklist.ListAsync(new ReviewListFilter())).Any(i => i.Item.CaseInstanceId == caseId), "the review item");
        var item = (await worklist.ListAsync(new ReviewListFilter())).Single(i => i.Item.CaseInstanceId == caseId).Item;
        Assert.Equal(ReviewReasonKind.FailedPayment, item.Kind);
        using var resident = ClientAs(app, FunctionRoles.Resident, subject);
        var view = await JsonAsync(await resident.GetAsync(CasePath(Policy, subject, PolicyPeriod.Once)));
        Assert.Equal("Running", view.GetProperty("status").GetString());
        Assert.Equal("InReview", view.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await resident.PostAsJsonAsync(CasePath(Policy, subject, PolicyPeriod.Once) + "/account", new { payeeAccount = "acct-too-late-01" })).StatusCode);
        Assert.Equal(PayoutState.Failed, (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once)))!.State);
    }

    [Fact]
    public async Task Payment_BankRecordsItButEveryAnswerTimesOut_CaseIsPaidWithOnePaymentAtTheBankAndOneLedgerRecord()
    {
        const string subject = "r-bank-hangs";
        await using var app = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["SandboxBank:TimeoutShare"] = "1",
            ["SandboxBank:HangTime"] = "00:00:03",
            ["Payments:Timeout"] = "00:00:01",
            ["Payouts:SubmissionLease"] = "00:00:02",
        });
        await app.ImportAsync(Retiree(subject));
        await PublishSampleAsync(app, Policy);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);

        await WaitForOutcomeAsync(app, caseId, CaseOutcome.Paid);
        var record = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once));
        Assert.Equal(PayoutState.Settled, record!.State);
        Assert.Equal(1, record.Submissions);
        var atBank = await app.Bank.GetAsync(record.IdempotencyKey, CancellationToken.None);
        Assert.Equal(1, atBank!.Requests);
        Assert.Equal(record.Amount.Fen, atBank.AmountFen);
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once + "-r1")));
    }

    internal static TestSubject Retiree(string id) => new(id, SubjectKind.Resident,
        BirthDate(Today.AddYears(-66)), District("余杭区"), Deceased(false), Retirement("enterprise"));

    internal static string ClosedSuffixOf(string subject) => PayeeAccounts.For(new SubjectId(subject))[^10..];

    private static string KeyOf(string subject, string period) => CaseTestApp.KeyFor(new PayoutKey(Policy, new SubjectId(subject), period));
}
