using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerlessGov.WebConsole.Tests.Support;

namespace ServerlessGov.WebConsole.Tests.Journeys;

/// <summary>Policy staff: the policies and their versions, a draft in the rule editor, test cases, the dry-run, publishing, retiring and the audit history.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class PolicyStaffJourneyTests(ConsoleSession session)
{
    [Fact]
    public async Task PolicyList_PolicyAuthor_SeesTheTwelvePublishedPoliciesAndAnIntactHistory()
    {
        await using var console = await ConsolePage.SignInAsync(session, "policy-author", "author-chen");
        await console.ExpectHeadingAsync("政策");
        var rows = console.Page.GetByTestId("policies").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(12);
        await Assertions.Expect(rows.Filter(new() { HasText = "高龄津贴" })).ToContainTextAsync("v1");
        await Assertions.Expect(rows.Filter(new() { HasText = "高龄津贴" })).ToContainTextAsync("已发布");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("policies");

        await console.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("高龄津贴") }).ClickAsync();
        await console.ExpectHeadingAsync("高龄津贴（示例金额）");
        await Assertions.Expect(console.Page.GetByTestId("versions").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(console.Page.GetByTestId("chain")).ToContainTextAsync("哈希链完整");
        await Assertions.Expect(console.Page.GetByTestId("history")).ToContainTextAsync("发布版本");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("policy-detail");
    }

    [Fact]
    public async Task Draft_AuthorEditsDryRunsPublishes_SupervisorRetires_HistoryStaysIntact()
    {
        await using var author = await ConsolePage.SignInAsync(session, "policy-author", "author-chen");
        var page = author.Page;
        await author.GoToAsync("policies/old-age-allowance/draft", "草稿：old-age-allowance");
        await page.GetByTestId("start-draft").ClickAsync();
        var rule = page.Locator("textarea[data-testid=rule], [data-testid=rule] textarea").First;
        await Assertions.Expect(rule).ToHaveValueAsync(new Regex("age_on"));

        // The dictionary suggests facts as the author types.
        await rule.FillAsync("age_on(period_end) >= 80 and not dece");
        var suggestions = page.GetByTestId("fact-suggestions");
        await Assertions.Expect(suggestions).ToContainTextAsync("deceased");
        await Assertions.Expect(suggestions).ToContainTextAsync("死亡登记");

        // A misspelt fact: the exact span the API reports is marked in the rule as text, with the API's words.
        await rule.FillAsync("age_on(period_end) >= 80\n  and household.district in [\"余杭区\"]\n  and not decesed");
        await page.GetByTestId("validate").ClickAsync();
        var mark = page.GetByTestId("rule-text").Locator("mark");
        await Assertions.Expect(mark).ToHaveCountAsync(1);
        await Assertions.Expect(mark).ToHaveTextAsync("decesed");
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-code", "unknown_fact");
        await Assertions.Expect(page.GetByTestId("rule-problems")).ToContainTextAsync("did you mean 'deceased'");
        await Assertions.Expect(page.GetByTestId("rule-problems")).ToContainTextAsync("第 3 行第 11 列至第 3 行第 18 列");
        await author.ExpectAccessibleAsync();
        await author.ScreenshotAsync("policy-draft-error");

        // Corrected, with the 80–89 allowance raised in place: the sample's own test cases (of March) now fail.
        await rule.FillAsync("age_on(period_end) >= 80\n  and household.district in [\"余杭区\"]\n  and not deceased");
        var firstValue = page.GetByLabel("取值").First;
        await firstValue.FillAsync("120");
        await page.GetByTestId("validate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-results").GetByTestId("test-failed").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("test-results").GetByTestId("test-passed").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rule-text").Locator("mark")).ToHaveCountAsync(0);

        // Done properly: the old amount stays for the past, and a new value with its legal reference takes effect this
        // month (a monthly allowance takes the value in force on the first day of its month).
        await firstValue.FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "新增取值" }).First.ClickAsync();
        var thisMonth = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("生效日期").Nth(1).FillAsync(thisMonth);
        await page.GetByLabel("取值").Nth(1).FillAsync("120");
        await page.GetByLabel("法律依据").Nth(1).FillAsync("控制台测试：区政府调整高龄津贴标准的通知（样例）");
        await page.GetByTestId("validate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("editor-message")).ToContainTextAsync("测试用例全部通过");

        // The dry-run against today's data: outcomes chart, cost against the budget, samples, the difference from v1.
        await page.GetByTestId("dry-run").ClickAsync();
        var report = page.GetByTestId("dry-run-report");
        await Assertions.Expect(report).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(report.Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("dry-run-cost")).ToContainTextAsync("¥");
        await Assertions.Expect(page.GetByTestId("dry-run-amount-up")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        await Assertions.Expect(page.GetByTestId("dry-run-samples").Locator("tbody tr").First).ToBeVisibleAsync();
        await author.ExpectAccessibleAsync();
        await report.ScrollIntoViewIfNeededAsync();
        await author.ScreenshotAsync("policy-dry-run");

        // Published as v2.
        await page.GetByTestId("publish").ClickAsync();
        await author.ExpectHeadingAsync("高龄津贴（示例金额）");
        await Assertions.Expect(page.GetByTestId("versions").Locator("tbody tr")).ToHaveCountAsync(2);

        await using var supervisor = await ConsolePage.SignInAsync(session, "supervisor", "supervisor-zhao");
        await supervisor.GoToAsync("policies/old-age-allowance", "高龄津贴（示例金额）");
        await supervisor.Page.Locator("[data-testid=retire-reason-2] input, input[data-testid=retire-reason-2]").FillAsync("控制台测试：撤回第 2 版");
        await supervisor.Page.GetByTestId("retire-2").ClickAsync();
        await Assertions.Expect(supervisor.Page.GetByTestId("versions").Locator("tbody tr").Nth(1)).ToContainTextAsync("已废止");
        await Assertions.Expect(supervisor.Page.GetByTestId("history")).ToContainTextAsync("废止版本");
        await Assertions.Expect(supervisor.Page.GetByTestId("chain")).ToContainTextAsync("哈希链完整");
    }
}
