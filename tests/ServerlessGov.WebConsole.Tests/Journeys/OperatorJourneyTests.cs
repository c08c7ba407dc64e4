using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerlessGov.WebConsole.Tests.Support;

namespace ServerlessGov.WebConsole.Tests.Journeys;

/// <summary>Operators and auditors: the dashboard with its charts, cases and payouts a page at a time, and the reconciliation with its CSV export.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OperatorJourneyTests(ConsoleSession session)
{
    [Fact]
    public async Task Dashboard_Operator_SeesMoneyPaidBudgetsAutomaticShareBacklogAndPoisonQueues()
    {
        await using var console = await ConsolePage.SignInAsync(session, "operator", "operator-sun");
        await console.ExpectHeadingAsync("运行概览");
        await console.Page.GetByTestId("refresh").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("paid-today")).ToHaveTextAsync(new Regex(@"^¥[1-9][0-9,]*\.[0-9]{2}$"));
        await Assertions.Expect(console.Page.GetByTestId("automatic-share")).ToHaveTextAsync(new Regex(@"^[0-9.]+%$"));
        await Assertions.Expect(console.Page.GetByTestId("policy-figures").Locator("tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(console.Page.GetByTestId("payment-problems")).ToContainTextAsync("失败");
        await Assertions.Expect(console.Page.GetByTestId("poison-queues")).ToContainTextAsync("subject-changes-poison");
        Assert.True(await console.Page.Locator("svg").CountAsync() >= 2, "the dashboard draws its charts");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("dashboard");
    }

    [Fact]
    public async Task CasesAndPayouts_Auditor_FiltersByStateAndPagesThrough()
    {
        await using var console = await ConsolePage.SignInAsync(session, "auditor", "auditor-qian");
        await console.GoToAsync("operations/cases", "案件与支付");
        var rows = console.Page.GetByTestId("case-list").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await console.Page.GetByTestId("more").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(100);
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("cases");

        await console.Page.Locator("input[data-testid=filter-state], [data-testid=filter-state] input").FillAsync("InReview");
        await console.Page.GetByTestId("apply").ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("人工审核中");
        var states = await rows.Locator("td:nth-child(5)").AllInnerTextsAsync();
        Assert.All(states, s => Assert.Equal("人工审核中", s.Trim()));
    }

    [Fact]
    public async Task Reconciliation_Operator_SeesLedgerAgainstBankAndExportsCsv()
    {
        await using var console = await ConsolePage.SignInAsync(session, "operator", "operator-sun");
        await console.GoToAsync("operations/reconciliation", "对账");
        await Assertions.Expect(console.Page.GetByTestId("matched")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        await Assertions.Expect(console.Page.GetByTestId("missing")).ToHaveTextAsync("0");
        await Assertions.Expect(console.Page.GetByTestId("extra")).ToHaveTextAsync("0");
        await Assertions.Expect(console.Page.GetByTestId("amount-differs")).ToHaveTextAsync("0");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("reconciliation");

        var download = await console.Page.RunAndWaitForDownloadAsync(() => console.Page.GetByTestId("export").ClickAsync());
        Assert.StartsWith("reconciliation-", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal("idempotencyKey,result,policyId,period,ledgerAmountYuan,bankAmountYuan,ledgerState,bankState", lines[0].TrimStart('\uFEFF'));
        Assert.Contains(lines.Skip(1), l => l.Contains(",Matched,", StringComparison.Ordinal));
    }
}
