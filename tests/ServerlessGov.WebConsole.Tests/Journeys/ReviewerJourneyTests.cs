using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerlessGov.WebConsole.Tests.Support;

namespace ServerlessGov.WebConsole.Tests.Journeys;

/// <summary>Reviewers and supervisors: the worklist by deadline with its SLA clocks, an item's facts and proof, claim, evidence, decision, assignment, escalations and the weekly SLA chart.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReviewerJourneyTests(ConsoleSession session)
{
    [Fact]
    public async Task Worklist_Reviewer_SeesItemsSortedByDeadlineWithTheirClocksColoured()
    {
        await using var console = await ConsolePage.SignInAsync(session, "reviewer", "reviewer-li");
        await console.ExpectHeadingAsync("审核工作台");
        var rows = console.Page.GetByTestId("worklist").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() > 5, "the generated population sends cases to review");

        // The policy whose signing target is 40 seconds (ConsoleApp) has breached by now: red, and first in the list.
        await Assertions.Expect(rows.First.Locator("[data-level=Breach]").First).ToHaveClassAsync("sla-breach");
        await Assertions.Expect(rows.First).ToContainTextAsync("已超时");
        var levels = await console.Page.GetByTestId("worklist").Locator("[data-level]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.level + ':' + e.className)");
        Assert.All(levels, l => Assert.Contains(l.Split(':')[1], new[] { "sla-ok", "sla-reminder", "sla-warning", "sla-breach" }));
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("reviews");
    }

    [Fact]
    public async Task Worklist_MoreItemsThanAPage_ShowsOnePageAndTurnsToTheNextInTheApisOrder()
    {
        var ids = (await session.App.GetJsonAsync("reviewer", "/api/reviews")).EnumerateArray().Select(v => v.GetProperty("item").GetProperty("id").GetString()!).ToList();
        Assert.True(ids.Count > 25, $"the generated population opens more review items than a page holds ({ids.Count})");
        await using var console = await ConsolePage.SignInAsync(session, "reviewer", "reviewer-li");
        await console.ExpectHeadingAsync("审核工作台");
        var page = console.Page;
        var rows = page.GetByTestId("worklist").Locator("tbody tr");

        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(page.GetByTestId("worklist-page")).ToHaveTextAsync("第 1–25 项");
        await Assertions.Expect(page.GetByTestId("previous-page")).ToBeDisabledAsync();
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", "reviews/" + ids[0]);

        await page.GetByTestId("next-page").ClickAsync();
        await Assertions.Expect(page.GetByTestId("worklist-page")).ToHaveTextAsync($"第 26–{Math.Min(50, ids.Count)} 项");
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", "reviews/" + ids[25]);
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(25, ids.Count - 25));
        await page.GetByTestId("previous-page").ClickAsync();
        await Assertions.Expect(rows.First.Locator("a")).ToHaveAttributeAsync("href", "reviews/" + ids[0]);
    }

    [Fact]
    public async Task ReviewItem_ReviewerClaimsAndDecides_TheItemShowsTheDecisionAndTheFactsThatSentItToReview()
    {
        var item = await NewItemAsync("UnknownFacts", skip: 0);
        await using var console = await ConsolePage.SignInAsync(session, "reviewer", "reviewer-li");
        await console.GoToAsync("reviews/" + item, "审核事项");
        var page = console.Page;
        await Assertions.Expect(page.GetByTestId("review-reasons")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("review-proof")).ToContainTextAsync("人工核实");
        await Assertions.Expect(page.GetByTestId("facts").First).ToBeVisibleAsync();
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("review-item");

        await page.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-state")).ToHaveTextAsync("已签收");
        await Assertions.Expect(page.GetByTestId("review-assignee")).ToHaveTextAsync("reviewer-li");
        await page.Locator("textarea[data-testid=decision-reason], [data-testid=decision-reason] textarea").First.FillAsync("户籍部门电话核实：本人健在，居住在余杭区。");
        await page.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-state")).ToHaveTextAsync("已办结");
        await Assertions.Expect(page.GetByTestId("review-decision")).ToContainTextAsync("批准");
        await Assertions.Expect(page.GetByTestId("review-decision")).ToContainTextAsync("户籍部门电话核实");
    }

    [Fact]
    public async Task ReviewItem_ReviewerAsksForEvidence_TheClockPausesAndTheItemWaits()
    {
        var item = await NewItemAsync("UnknownFacts", skip: 1);
        await using var console = await ConsolePage.SignInAsync(session, "reviewer", "reviewer-wang");
        await console.GoToAsync("reviews/" + item, "审核事项");
        await console.Page.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("review-state")).ToHaveTextAsync("已签收");
        await console.Page.Locator("input[data-testid=evidence], [data-testid=evidence] input").FillAsync("残联出具的残疾证复印件");
        await console.Page.GetByTestId("ask-evidence").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("review-state")).ToHaveTextAsync("等待补充材料");
        await Assertions.Expect(console.Page.GetByText("残联出具的残疾证复印件")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Supervision_Supervisor_SeesTheWeeklySlaChartAndEscalationsAndAssignsAnItem()
    {
        await using var console = await ConsolePage.SignInAsync(session, "supervisor", "supervisor-zhao");
        await console.ExpectHeadingAsync("督办与时效");
        var weekly = console.Page.GetByTestId("weekly").Locator("tbody tr");
        await Assertions.Expect(weekly).ToHaveCountAsync(8);
        await Assertions.Expect(console.Page.Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.GetByTestId("overdue").First).ToBeVisibleAsync();
        // Only overdue items (an item once overdue stays so), at most 50 of them.
        var shown = await console.Page.GetByTestId("overdue").Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var overdue = (await session.App.GetJsonAsync("supervisor", "/api/reviews?overdue=true")).EnumerateArray()
            .Select(v => "reviews/" + v.GetProperty("item").GetProperty("id").GetString()).ToHashSet();
        Assert.InRange(shown.Length, 1, 50);
        Assert.Subset(overdue, shown.ToHashSet());
        await Assertions.Expect(console.Page.GetByTestId("escalation").Filter(new() { HasText = "签收分派 · 已超时" }).First).ToBeVisibleAsync();
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("supervision");

        var item = await NewItemAsync("UnknownFacts", skip: 2);
        await console.GoToAsync("reviews/" + item, "审核事项");
        await console.Page.Locator("input[data-testid=assignee], [data-testid=assignee] input").FillAsync("reviewer-zhou");
        await console.Page.GetByTestId("assign").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("review-assignee")).ToHaveTextAsync("reviewer-zhou");
        await Assertions.Expect(console.Page.GetByTestId("review-state")).ToHaveTextAsync("已签收");
    }

    // A review item nobody has signed yet, of a policy whose targets are the usual working days.
    private async Task<string> NewItemAsync(string kind, int skip)
    {
        var items = await session.App.GetJsonAsync("reviewer", "/api/reviews?state=New");
        return items.EnumerateArray()
            .Where(v => v.GetProperty("item").GetProperty("kind").GetString() == kind && v.GetProperty("item").GetProperty("policyId").GetString() != ConsoleApp.FastSlaPolicy)
            .Select(v => v.GetProperty("item").GetProperty("id").GetString()!)
            .Skip(skip)
            .First();
    }
}
