using System.Net;
using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Hosting.Security;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The intention confirmation (告知承诺) of the employee rental subsidy, through the resident's HTTP endpoint: a yes
/// pays, a no closes without payment, silence until the deadline follows the configured rule, and nobody else answers.
/// A case the data proved is asked as it opens, before its orchestration takes a step.
/// </summary>
public sealed class IntentionConfirmationTests
{
    private const string Policy = "employee-rental-subsidy";

    [Fact]
    public async Task IntentionEndpoint_ResidentsConfirmAndDecline_PaysTheConfirmedOnceAndClosesTheDeclinedWithoutPayment()
    {
        await using var app = await StartAsync();
        await app.ImportAsync(Employee("r-intent-yes"), Employee("r-intent-no"));
        await PublishSampleAsync(app, Policy);
        var yes = CaseIds.Case(Policy, "r-intent-yes", PolicyPeriod.Once);
        var no = CaseIds.Case(Policy, "r-intent-no", PolicyPeriod.Once);
        var answerBy = await WaitForAnswerByAsync(app, yes, CaseStage.AwaitingConfirmation);
        await WaitForStageAsync(app, no, CaseStage.AwaitingConfirmation);

        using var resident = ClientAs(app, FunctionRoles.Resident, "r-intent-yes");
        var view = await JsonAsync(await resident.GetAsync(CasePath(Policy, "r-intent-yes", "once")));
        Assert.Equal("AwaitingConfirmation", view.GetProperty("stage").GetString());
        Assert.Equal("intention", view.GetProperty("waitingFor").GetString());
        Assert.Equal(answerBy, view.GetProperty("answerBy").GetDateTimeOffset());
        Assert.Equal(50_000, view.GetProperty("amountFen").GetInt64());
        var account = PayeeAccounts.For(new SubjectId("r-intent-yes"));
        Assert.Equal(account[..5] + "****" + account[^4..], view.GetProperty("payeeAccount").GetString());

        var accepted = await resident.PostAsJsonAsync(CasePath(Policy, "r-intent-yes", "once") + "/intention", new { confirmed = true });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var decliner = ClientAs(app, FunctionRoles.Resident, "r-intent-no");
        Assert.Equal(HttpStatusCode.Accepted, (await decliner.PostAsJsonAsync(CasePath(Policy, "r-intent-no", "once") + "/intention", new { confirmed = false })).StatusCode);

        await WaitForOutcomeAsync(app, yes, CaseOutcome.Paid);
        await WaitForOutcomeAsync(app, no, CaseOutcome.Declined);
        var paid = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-intent-yes"), PolicyPeriod.Once));
        Assert.Equal(PayoutState.Settled, paid!.State);
        Assert.Equal(50_000, paid.Amount.Fen);
        Assert.Equal(1, (await app.Bank.GetAsync(paid.IdempotencyKey, CancellationToken.None))!.Requests);
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-intent-no"), PolicyPeriod.Once)));
        Assert.Contains(await NotificationsAsync(app, "r-intent-yes"), n => n.Template == "confirm-intention");
        Assert.Contains(await NotificationsAsync(app, "r-intent-yes"), n => n.Template == "case-paid");

        var ended = await JsonAsync(await resident.GetAsync(CasePath(Policy, "r-intent-yes", "once")));
        Assert.Equal("Paid", ended.GetProperty("outcome").GetString());
        Assert.Equal(50_000, ended.GetProperty("amountFen").GetInt64());
        var again = await resident.PostAsJsonAsync(CasePath(Policy, "r-intent-yes", "once") + "/intention", new { confirmed = false });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Paid", (await JsonAsync(again)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntentionEndpoint_StrangerOperatorMissingAnswerOrUnknownCase_IsRefusedAndTheCaseKeepsWaiting()
    {
        await using var app = await StartAsync();
        await app.ImportAsync(Employee("r-intent-own"));
        await PublishSampleAsync(app, Policy);
        var own = CaseIds.Case(Policy, "r-intent-own", PolicyPeriod.Once);
        await WaitForStageAsync(app, own, CaseStage.AwaitingConfirmation);
        var path = CasePath(Policy, "r-intent-own", "once");

        using var stranger = ClientAs(app, FunctionRoles.Resident, "r-intent-else");
        var refused = await stranger.PostAsJsonAsync(path + "/intention", new { confirmed = true });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Not your case", (await JsonAsync(refused)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(path)).StatusCode);
        using var operatorClient = ClientAs(app, FunctionRoles.Operator, "op-zhang");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync(path + "/intention", new { confirmed = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync(path)).StatusCode);

        using var resident = ClientAs(app, FunctionRoles.Resident, "r-intent-own");
        var missing = await resident.PostAsJsonAsync(path + "/intention", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await JsonAsync(missing)).GetProperty("errors").TryGetProperty("confirmed", out _));
        var badPeriod = await resident.PostAsJsonAsync(CasePath(Policy, "r-intent-own", "someday") + "/intention", new { confirmed = true });
        Assert.True((await JsonAsync(badPeriod)).GetProperty("errors").TryGetProperty("period", out _));
        var unknown = await resident.PostAsJsonAsync(CasePath(Policy, "r-intent-own", "2025") + "/intention", new { confirmed = true });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Case not found", (await JsonAsync(unknown)).GetProperty("title").GetString());
        using var anonymousClient = new HttpClient { BaseAddress = resident.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymousClient.GetAsync(path)).StatusCode);
        var openApi = await JsonAsync(await anonymousClient.GetAsync(new Uri(resident.BaseAddress!, "/openapi/v1.json")));
        var paths = openApi.GetProperty("paths");
        foreach (var route in new[] { "/api/cases/{policyId}/{subjectId}/{period}", "/api/cases/{policyId}/{subjectId}/{period}/intention", "/api/cases/{policyId}/{subjectId}/{period}/account" })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is missing from the OpenAPI document");
        }

        Assert.True(openApi.GetProperty("components").GetProperty("schemas").TryGetProperty("CaseView", out _));

        Assert.Equal(CaseStage.AwaitingConfirmation, await StageAsync(app, own));
    }

    [Theory]
    [InlineData(true, CaseOutcome.Paid)]
    [InlineData(false, CaseOutcome.Declined)]
    public async Task IntentionConfirmation_NoAnswerBySevenDays_FollowsTheConfiguredRule(bool payWithoutAnswer, CaseOutcome expected)
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var app = await StartAsync(clock, new Dictionary<string, string?> { ["Cases:PayWithoutAnswer"] = payWithoutAnswer ? "true" : "false" });
        await app.ImportAsync(Employee("r-intent-silent"));
        await PublishSampleAsync(app, Policy);
        var silent = CaseIds.Case(Policy, "r-intent-silent", PolicyPeriod.Once);
        var answerBy = await WaitForAnswerByAsync(app, silent, CaseStage.AwaitingConfirmation);
        Assert.InRange(answerBy - clock.GetUtcNow(), TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        clock.MoveTo(answerBy - TimeSpan.FromMinutes(5));
        await Task.Delay(1500);
        Assert.Equal(CaseStage.AwaitingConfirmation, await StageAsync(app, silent));

        clock.MoveTo(answerBy + TimeSpan.FromMinutes(1));
        await WaitForOutcomeAsync(app, silent, expected);
        var payout = await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-intent-silent"), PolicyPeriod.Once));
        Assert.Equal(expected == CaseOutcome.Paid ? PayoutState.Settled : null, payout?.State);
    }

    [Fact]
    public async Task CaseOpenedByTheRun_AsksTheResidentAsItOpens_AndAnAnswerGivenBeforeTheCaseRunsPaysOnce()
    {
        const string subject = "r-intent-early";
        var key = new PayoutKey(Policy, new SubjectId(subject), PolicyPeriod.Once);
        var caseId = CaseIds.Case(Policy, subject, PolicyPeriod.Once);
        var path = CasePath(Policy, subject, "once");

        // No orchestration runs in the first app: what the resident sees is the starter's work alone.
        await using var first = await StartAsync(runOrchestrations: false);
        await first.ImportAsync(Employee(subject));
        await PublishSampleAsync(first, Policy);
        await OpenAutomaticCasesAsync(first);

        var opened = await first.Durable.GetInstanceAsync(caseId, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, opened!.RuntimeStatus);
        var askedAt = opened.ReadInputAs<CaseInput>()!.ConfirmationAskedAt;
        Assert.NotNull(askedAt);
        Assert.Single(await NotificationsAsync(first, subject), n => n.Template == NotifyCommand.ConfirmIntentionTemplate);
        Assert.Equal(50_000, await first.Services.GetRequiredService<BudgetLedger>().ReservedAsync(Policy));

        using (var resident = ClientAs(first, FunctionRoles.Resident, subject))
        {
            var view = await JsonAsync(await resident.GetAsync(path));
            Assert.Equal("AwaitingConfirmation", view.GetProperty("stage").GetString());
            Assert.Equal("intention", view.GetProperty("waitingFor").GetString());
            Assert.Equal(askedAt.Value + TimeSpan.FromDays(7), view.GetProperty("answerBy").GetDateTimeOffset());
            Assert.Equal(HttpStatusCode.Accepted, (await resident.PostAsJsonAsync(path + "/intention", new { confirmed = true })).StatusCode);
        }

        // The same shard again (an activity run twice) finds the case open and asks nobody twice.
        await OpenAutomaticCasesAsync(first);
        Assert.Single(await NotificationsAsync(first, subject), n => n.Template == NotifyCommand.ConfirmIntentionTemplate);
        await first.StopAsync();

        await using var second = await StartAsync(directory: first.Directory);
        await WaitForOutcomeAsync(second, caseId, CaseOutcome.Paid);
        var record = await second.Ledger.GetAsync(key);
        Assert.Equal(PayoutState.Settled, record!.State);
        Assert.Equal(50_000, record.Amount.Fen);
        Assert.Equal(1, (await second.Bank.GetAsync(await second.BankKeyAsync(key), CancellationToken.None))!.Requests);
        Assert.Equal(50_000, await second.Services.GetRequiredService<BudgetLedger>().ReservedAsync(Policy));
        Assert.Single(await NotificationsAsync(second, subject), n => n.Template == NotifyCommand.ConfirmIntentionTemplate);
    }

    // A policy run's first pass over every shard, without the run orchestration: decide, open the automatic cases.
    private static async Task OpenAutomaticCasesAsync(CaseTestApp app)
    {
        var today = BusinessDate.Today(TimeProvider.System).ToString();
        for (var shard = 0; shard < app.Services.GetRequiredService<ISubjectFactsReader>().ShardCount; shard++)
        {
            await PolicyRunActivities.EvaluateShardAsync(new ShardWork(Policy, 1, today, shard, CaseTrack.Automatic), app.Services);
        }
    }

    // Unmarried by the marriage registry's record, so "one per couple" pays them alone.
    internal static TestSubject Employee(string id) => new(id, SubjectKind.Resident,
        new TestFact("employment.employer_district", "hrss", RuleValue.Text("滨江区")),
        new TestFact("employment.employer_taxed_locally", "tax", RuleValue.Bool(true)),
        new TestFact("employment.annual_wage", "tax", RuleValue.Number(60_000m)),
        new TestFact("marriage.married", "civil_affairs", RuleValue.Bool(false)));
}
