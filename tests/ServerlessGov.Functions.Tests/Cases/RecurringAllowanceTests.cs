using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting.Security;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;
using static ServerlessGov.Functions.Tests.Cases.ShiftedClock;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The old-age allowance (100 yuan a month from 80, prorated by day) as a recurring benefit on a clock the test moves:
/// it stops from the exact date of a death or a move, names the overpaid share of a month paid in advance, pays only
/// the days before the stop date when the next month's check finds it, and a subject is not paid a day late.
/// </summary>
public sealed class RecurringAllowanceTests
{
    private const string Policy = "old-age-allowance";
    private const long MonthlyFen = 10_000;

    [Fact]
    public async Task Allowance_DeathAndMoveReportedMidMonth_StopFromThatDateAndStaffAreToldTheOverpaidShare()
    {
        var clock = new ShiftedClock(Beijing(2026, 12, 3, 10));
        await using var app = await StartAsync(clock);
        await app.ImportAsync(Elder("r-allow-dies", clock), Elder("r-allow-moves", clock));
        await PublishSampleAsync(app, Policy);
        await WaitForOutcomeAsync(app, CaseIds.Case(Policy, "r-allow-dies", "2026-12"), CaseOutcome.Paid);
        await WaitForOutcomeAsync(app, CaseIds.Case(Policy, "r-allow-moves", "2026-12"), CaseOutcome.Paid);
        Assert.Equal(MonthlyFen, (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-allow-dies"), "2026-12")))!.Amount.Fen);

        clock.MoveTo(Beijing(2026, 12, 11, 9));
        await SendSubjectChangeAsync(app, "r-allow-dies", "police", ("deceased", Beijing(2026, 12, 10, 14), true));
        await SendSubjectChangeAsync(app, "r-allow-moves", "hukou", ("household.district", Beijing(2026, 12, 10, 14), "西湖区"));

        // Paid for 31 days in advance; from the 10th on (22 days) is overpaid: 10,000 × 22 / 31 = 7,096.8 → 7,097 fen.
        foreach (var subject in new[] { "r-allow-dies", "r-allow-moves" })
        {
            var stopped = await app.Durable.WaitForInstanceCompletionAsync(CaseIds.Allowance(Policy, subject), getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, stopped.RuntimeStatus);
            var result = stopped.ReadOutputAs<AllowanceResult>()!;
            Assert.True(result.StoppedOn == "2026-12-10", $"{subject} stopped on {result.StoppedOn}: {result.Reason}");
            Assert.Equal(7_097, result.RecoverFen);
        }

        var staff = await NotificationsAsync(app, "role:policy-author");
        Assert.Equal(2, staff.Count(n => n.Template == "allowance-overpaid" && n.Values["recoverFen"] == "7097"));
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-allow-dies"), "2027-01")));
    }

    [Fact]
    public async Task Objection_ToTheResidentsOwnStoppedAllowance_OpensUrgentWhenThePolicySaysSoAndAPlainOneStaysNormal()
    {
        var clock = new ShiftedClock(Beijing(2026, 12, 3, 10));
        await using var app = await StartAsync(clock);
        await app.ImportAsync(Elder("r-objects-stop", clock), Elder("r-objects-other", clock));
        await PublishSampleAsync(app, Policy, policy => policy["review"] = JsonNode.Parse("""{"urgentWhen": [{"reason": "objectionToStop"}]}"""));
        await WaitForOutcomeAsync(app, CaseIds.Case(Policy, "r-objects-stop", "2026-12"), CaseOutcome.Paid);
        clock.MoveTo(Beijing(2026, 12, 11, 9));
        await SendSubjectChangeAsync(app, "r-objects-stop", "hukou", ("household.district", Beijing(2026, 12, 10, 14), "西湖区"));
        await app.Durable.WaitForInstanceCompletionAsync(CaseIds.Allowance(Policy, "r-objects-stop"), getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        var stopped = await ObjectAsync(app, "r-objects-stop", CaseIds.Allowance(Policy, "r-objects-stop"));
        var plain = await ObjectAsync(app, "r-objects-other", CaseIds.Case(Policy, "r-objects-other", "2026-12"));

        Assert.Equal((ReviewReasonKind.ObjectionToStop, ReviewPriority.Urgent, "reason:objectionToStop"), (stopped.Kind, stopped.Priority, stopped.UrgentBecause));
        Assert.Equal((ReviewReasonKind.Objection, ReviewPriority.Normal), (plain.Kind, plain.Priority));
    }

    private static async Task<ReviewItem> ObjectAsync(CaseTestApp app, string subject, string caseInstanceId)
    {
        using var resident = ClientAs(app, FunctionRoles.Resident, subject);
        using var filed = await resident.PostAsJsonAsync(new Uri("objections", UriKind.Relative), new
        {
            caseInstanceId,
            policyId = Policy,
            policyVersion = 1,
            statement = "I still live in 余杭区.",
        });
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        var accepted = (await filed.Content.ReadFromJsonAsync<ObjectionAccepted>())!;
        return (await app.Services.GetRequiredService<ReviewWorklist>().GetAsync(accepted.ItemId)).Item;
    }

    [Fact]
    public async Task Allowance_IneligibleAtTheNextMonthsCheck_PaysOnlyTheDaysBeforeTheStopDateAndEnds()
    {
        var clock = new ShiftedClock(Beijing(2026, 12, 20, 10));
        await using var app = await StartAsync(clock);
        await app.ImportAsync(Elder("r-allow-recheck", clock));
        await PublishSampleAsync(app, Policy);
        await WaitForOutcomeAsync(app, CaseIds.Case(Policy, "r-allow-recheck", "2026-12"), CaseOutcome.Paid);

        // A move the household registry records for 10 January, loaded in bulk (no change message reaches the allowance).
        await app.ImportAsync(new TestSubject("r-allow-recheck", SubjectKind.Resident,
            new TestFact("household.district", "hukou", RuleValue.Text("西湖区"), Beijing(2027, 1, 10, 9))));
        clock.MoveTo(Beijing(2027, 1, 12, 9));

        // 1–9 January at 100 yuan a month: 100 × 9 / 31 = 29.03 yuan.
        var lastMonth = CaseIds.Case(Policy, "r-allow-recheck", "2027-01");
        await WaitForOutcomeAsync(app, lastMonth, CaseOutcome.Paid);
        Assert.Equal(2_903, (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-allow-recheck"), "2027-01")))!.Amount.Fen);
        var allowance = await app.Durable.WaitForInstanceCompletionAsync(CaseIds.Allowance(Policy, "r-allow-recheck"), getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Equal("2027-01-10", allowance.ReadOutputAs<AllowanceResult>()!.StoppedOn);
        Assert.Equal(MonthlyFen, (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-allow-recheck"), "2026-12")))!.Amount.Fen);
    }

    [Fact]
    public async Task DailyTimer_EightiethBirthdayOnTheFirstOfTheMonth_OpensTheAllowanceThatDayInBeijingNotTheDayBefore()
    {
        // The daily sweep runs at 00:05 in Beijing (16:05 UTC the day before); the birthday is 1 December.
        var clock = new ShiftedClock(Beijing(2026, 11, 29, 23));
        await using var app = await StartAsync(clock);
        await app.ImportAsync(Elder("r-turns-80", clock, new DateOnly(1946, 12, 1)));
        await PublishSampleAsync(app, Policy);
        clock.MoveTo(Beijing(2026, 11, 30, 0, 4, 57));
        var dayBefore = await CompletedAsync(app, CaseIds.Run(Policy, 1, "2026-11-30", "daily"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, dayBefore.RuntimeStatus);
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Allowance(Policy, "r-turns-80"), getInputsAndOutputs: true));

        clock.MoveTo(Beijing(2026, 12, 1, 0, 4, 57));
        var birthday = await CompletedAsync(app, CaseIds.Run(Policy, 1, "2026-12-01", "daily"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, birthday.RuntimeStatus);
        var allowance = await app.Durable.GetInstanceAsync(CaseIds.Allowance(Policy, "r-turns-80"), getInputsAndOutputs: true);
        Assert.NotNull(allowance);
        Assert.Equal(new BusinessDate(2026, 12, 1), BusinessDate.FromInstant(allowance.CreatedAt));
        await WaitForOutcomeAsync(app, CaseIds.Case(Policy, "r-turns-80", "2026-12"), CaseOutcome.Paid);
        Assert.Equal(MonthlyFen, (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-turns-80"), "2026-12")))!.Amount.Fen);
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId("r-turns-80"), "2026-11")));
    }

    private static async Task<OrchestrationMetadata> CompletedAsync(CaseTestApp app, string instanceId)
    {
        OrchestrationMetadata? instance = null;
        await CaseTestApp.WaitUntilAsync(async () => (instance = await app.Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true)) is { IsCompleted: true }, instanceId + " to complete");
        return instance!;
    }

    /// <summary>A resident of 余杭区 (85 unless a birth date is given), alive, with facts as of the day before the clock's now.</summary>
    internal static TestSubject Elder(string id, TimeProvider clock, DateOnly? born = null)
    {
        var asOf = clock.GetUtcNow().AddDays(-1);
        var birth = born ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-85).AddMonths(-2);
        return new TestSubject(id, SubjectKind.Resident,
            new TestFact("birth_date", "hukou", RuleValue.Date(birth), asOf),
            new TestFact("household.district", "hukou", RuleValue.Text("余杭区"), asOf),
            new TestFact("deceased", "police", RuleValue.Bool(false), asOf));
    }
}
