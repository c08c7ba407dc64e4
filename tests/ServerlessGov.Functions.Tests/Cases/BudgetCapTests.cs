using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Hosting.Security;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>A budget cap reached: the next case waits where operators can see it, staff are told once, and a raised cap lets it go on.</summary>
public sealed class BudgetCapTests
{
    private const string Policy = "old-age-allowance";

    [Fact]
    public async Task BudgetCap_ReachedByTheFirstOfTwoResidents_SecondWaitsVisiblyStaffAreToldAndItIsPaidWhenTheCapIsRaised()
    {
        var clock = new ShiftedClock(ShiftedClock.Beijing(2026, 12, 2, 10));
        await using var app = await StartAsync(clock);
        await app.ImportAsync(RecurringAllowanceTests.Elder("r-budget-one", clock), RecurringAllowanceTests.Elder("r-budget-two", clock));
        await PublishSampleAsync(app, Policy, policy => policy["budgetCap"] = "100.00");

        var cases = new[] { "r-budget-one", "r-budget-two" }.ToDictionary(s => s, s => CaseIds.Case(Policy, s, "2026-12"));
        string? waiting = null;
        await CaseTestApp.WaitUntilAsync(async () =>
        {
            foreach (var (subject, caseId) in cases)
            {
                if (await StageAsync(app, caseId) == CaseStage.WaitingForBudget)
                {
                    waiting = subject;
                }
            }

            return waiting is not null;
        }, "one case to wait for budget");
        var paid = cases.Keys.Single(s => s != waiting);
        await WaitForOutcomeAsync(app, cases[paid], CaseOutcome.Paid);

        using var operatorClient = ClientAs(app, FunctionRoles.Operator, "op-wang");
        var view = await JsonAsync(await operatorClient.GetAsync(CasePath(Policy, waiting!, "2026-12")));
        Assert.Equal("WaitingForBudget", view.GetProperty("stage").GetString());
        Assert.Contains("budget cap", view.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var told = (await NotificationsAsync(app, "role:policy-author")).Where(n => n.Template == "budget-cap-reached").ToList();
        Assert.Single(told);
        Assert.Equal("10000", told[0].Values["capFen"]);
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(waiting!), "2026-12")));

        await PublishNextVersionAsync(app, Policy, policy => policy["budgetCap"] = JsonValue.Create("1000.00"));

        await WaitForOutcomeAsync(app, cases[waiting!], CaseOutcome.Paid, TimeSpan.FromSeconds(60));
        Assert.Equal(20_000, await app.Services.GetRequiredService<BudgetLedger>().ReservedAsync(Policy));
        Assert.Equal(PayoutState.Settled, (await app.Ledger.GetAsync(new PayoutKey(Policy, new SubjectId(waiting!), "2026-12")))!.State);
        Assert.Single(await NotificationsAsync(app, "role:policy-author"), n => n.Template == "budget-cap-reached");
    }
}
