using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;
using static ServerlessGov.Functions.Tests.Cases.ShiftedClock;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>A <c>subject-changes</c> message re-evaluates only the policies that read the changed facts, and starts or stops their cases within seconds.</summary>
public sealed class SubjectChangeTests
{
    [Fact]
    public async Task SubjectChange_RetirementThenBirthDate_OpensTheHolidayCaseAndLeavesTheAllowanceUntilAFactItReadsChanges()
    {
        var clock = new ShiftedClock(Beijing(2026, 12, 4, 10));
        await using var app = await StartAsync(clock);
        var subject = "r-changes-01";
        await app.ImportAsync(RecurringAllowanceTests.Elder(subject, clock),
            new TestSubject(subject, SubjectKind.Resident, new TestFact("retirement.type", "hrss", RuleValue.Text("none"), clock.GetUtcNow().AddDays(-1))));
        await PublishSampleAsync(app, "old-age-allowance");
        await PublishSampleAsync(app, "enterprise-retiree-holiday");
        await WaitForOutcomeAsync(app, CaseIds.Case("old-age-allowance", subject, "2026-12"), CaseOutcome.Paid);
        // The allowance rechecks its opening month once the month's case has ended; only after that does it watch for
        // changes (a birth date loaded before the recheck would rightly stop it there).
        await CaseTestApp.WaitUntilAsync(async () => (await app.Durable.GetInstanceAsync(CaseIds.Allowance("old-age-allowance", subject), getInputsAndOutputs: true))
            ?.ReadCustomStatusAs<AllowanceProgress>()?.Stage == "paid; watching for changes", "the allowance to watch for changes after December");
        var holiday = CaseIds.Case("enterprise-retiree-holiday", subject, PolicyPeriod.Once);
        Assert.Null(await app.Durable.GetInstanceAsync(holiday, getInputsAndOutputs: true));

        // A corrected birth date (65, not 85) loaded in bulk: only a message naming the fact may act on it.
        await app.ImportAsync(new TestSubject(subject, SubjectKind.Resident,
            new TestFact("birth_date", "hukou", RuleValue.Date(new DateOnly(1961, 3, 1)), clock.GetUtcNow().AddHours(-2))));
        await SendSubjectChangeAsync(app, subject, "hrss", ("retirement.type", clock.GetUtcNow().AddHours(-1), "enterprise"));

        await WaitForOutcomeAsync(app, holiday, CaseOutcome.Paid, TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        Assert.False((await app.Durable.GetInstanceAsync(CaseIds.Allowance("old-age-allowance", subject), getInputsAndOutputs: true))!.IsCompleted);
        Assert.DoesNotContain(await NotificationsAsync(app, "role:policy-author"), n => n.Template == "allowance-overpaid");

        await SendSubjectChangeAsync(app, subject, "hukou", ("birth_date", clock.GetUtcNow().AddMinutes(-30), "1961-03-01"));
        var stopped = await app.Durable.WaitForInstanceCompletionAsync(CaseIds.Allowance("old-age-allowance", subject), getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stopped.RuntimeStatus);
        Assert.Equal("2026-12-04", stopped.ReadOutputAs<AllowanceResult>()!.StoppedOn);
        Assert.Contains(await NotificationsAsync(app, "role:policy-author"), n => n.Template == "allowance-overpaid");
    }
}
