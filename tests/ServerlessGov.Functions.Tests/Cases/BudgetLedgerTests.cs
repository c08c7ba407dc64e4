using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Storage.Tables;

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

    [Fact]
    public async Task Reserve_TwoProcessesEachAskedForEveryCaseAtOnce_NeverExceedTheCapAndAgreeOnEachCase()
    {
        await using var app = await CaseTestApp.StartAsync();
        await app.PublishSamplesAsync();
        // Two ledgers on one store, as two processes have: each batches its own waiting reservations, and their
        // batches race on the policy's total row.
        var ledgers = new[]
        {
            app.Services.GetRequiredService<BudgetLedger>(),
            new BudgetLedger(app.Services.GetRequiredService<ITableStore>(), app.Services.GetRequiredService<IPolicyCatalog>()),
        };
        const long cap = 500_000_000;
        const long each = 2_000_000;
        const int cases = 400;

        var asked = Enumerable.Range(0, cases).SelectMany(i => ledgers.Select(ledger => (Case: i, Answer: Task.Run(() =>
            ledger.ReserveAsync(new BudgetRequest("old-age-allowance", 1, $"case|old-age-allowance|r-batch-{i:D3}|2026-11", each)))))).ToList();
        await Task.WhenAll(asked.Select(a => a.Answer));

        var byCase = asked.GroupBy(a => a.Case, a => a.Answer.Result.Reserved).ToList();
        Assert.All(byCase, answers => Assert.Single(answers.Distinct()));
        Assert.Equal((int)(cap / each), byCase.Count(answers => answers.First()));
        Assert.Equal(cap, await ledgers[0].ReservedAsync("old-age-allowance"));
    }
}
