using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Cases.Budgets;

namespace ServerlessGov.Functions.Tests.Cases;

public sealed class BudgetLedgerTests
{
    [Fact]
    public async Task Reserve_FortyConcurrentCasesAgainstTheOldAgeCap_NeverExceedsTheCapAndCountsARepeatOnce()
    {
        await using var app = await CaseTestApp.StartAsync();
        await app.PublishSamplesAsync();
        var budgets = app.Services.GetRequiredService<BudgetLedger>();
        const long cap = 500_000_000;
        const long each = 20_000_000;

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => budgets.ReserveAsync(new BudgetRequest("old-age-allowance", 1, $"case|old-age-allowance|r-budget-{i:D2}|2026-11", each)))));
        var repeat = await budgets.ReserveAsync(new BudgetRequest("old-age-allowance", 1, "case|old-age-allowance|r-budget-00|2026-11", each));

        Assert.Equal((int)(cap / each), answers.Count(a => a.Reserved));
        Assert.Equal(cap, await budgets.ReservedAsync("old-age-allowance"));
        Assert.Equal(answers[0].Reserved, repeat.Reserved);
        Assert.Equal(cap, await budgets.ReservedAsync("old-age-allowance"));
    }
}
