using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using ServerlessGov.WebConsole.Tests.Support;

namespace ServerlessGov.WebConsole.Tests.Journeys;

/// <summary>Residents: what they receive and why, naming each datum and its source; payments; confirming intention; a corrected account after a failed payment; an objection; only their own cases.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ResidentJourneyTests(ConsoleSession session)
{
    [Fact]
    public async Task MyBenefits_Resident_SeesWhatAndWhyNamingEachDatumAndSourceAndOnlyOwnCases()
    {
        var paid = (await session.App.CasesAsync("Paid")).First(c => c.GetProperty("subjectId").GetString()!.StartsWith("r-", StringComparison.Ordinal));
        var me = paid.GetProperty("subjectId").GetString()!;
        var mine = (await session.App.CasesAsync()).Count(c => c.GetProperty("subjectId").GetString() == me);

        await using var console = await ConsolePage.SignInAsync(session, "resident", me);
        await console.ExpectHeadingAsync("我的待遇");
        var cards = console.Page.GetByTestId("benefit");
        await Assertions.Expect(cards).ToHaveCountAsync(mine);
        var card = cards.Filter(new() { Has = console.Page.GetByText("已到账").First }).First;
        await Assertions.Expect(card.GetByTestId("explanation")).ToContainTextAsync("依据");
        var facts = card.GetByTestId("facts");
        await Assertions.Expect(facts).ToContainTextAsync("户籍");
        await Assertions.Expect(card.GetByTestId("payments")).ToContainTextAsync("¥");
        await Assertions.Expect(card.GetByTestId("payments")).ToContainTextAsync("acct-");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("my-benefits");

        // The payment's time is Beijing time whatever the browser's zone (the test's browser runs in UTC).
        var payment = (await session.App.GetJsonAsync("operator", $"/api/cases/{paid.GetProperty("policyId").GetString()}/{me}/{paid.GetProperty("period").GetString()}/payments"))[0];
        var beijing = payment.GetProperty("updatedAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(console.Page.GetByTestId("payments").First).ToContainTextAsync(beijing);

        // Another resident's cases are refused to this resident, whatever the console asks.
        var other = (await session.App.CasesAsync()).Select(c => c.GetProperty("subjectId").GetString()!).First(s => s.StartsWith("r-", StringComparison.Ordinal) && s != me);
        using var asMe = await session.App.ClientAsync("resident", me);
        using var refused = await asMe.GetAsync(new Uri($"/api/cases?subjectId={other}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ConfirmIntention_ResidentAsked_ConfirmsAndIsPaid()
    {
        var waiting = (await session.App.CasesAsync("AwaitingConfirmation")).First();
        var me = waiting.GetProperty("subjectId").GetString()!;
        await using var console = await ConsolePage.SignInAsync(session, "resident", me);
        await console.ExpectHeadingAsync("我的待遇");
        var card = Card(console, waiting);
        await Assertions.Expect(card.GetByTestId("benefit-state")).ToContainTextAsync("等待您确认");
        await console.ScreenshotAsync("my-benefits-confirm");
        await card.GetByTestId("confirm").ClickAsync();
        // This case's button goes (another case of the same resident may still be waiting for its own confirmation).
        await Assertions.Expect(card.GetByTestId("confirm")).ToHaveCountAsync(0);

        await WaitAsync(async () => (await CaseAsync(waiting)).GetProperty("outcome").GetString() == "Paid");
        await console.Page.ReloadAsync();
        await Assertions.Expect(Card(console, waiting).GetByTestId("payments")).ToContainTextAsync("已到账");
    }

    [Fact]
    public async Task CorrectAccount_AfterAFailedPayment_TheNewAccountIsPaid()
    {
        var failed = (await session.App.CasesAsync("PaymentFailed")).First();
        var me = failed.GetProperty("subjectId").GetString()!;
        await using var console = await ConsolePage.SignInAsync(session, "resident", me);
        await console.ExpectHeadingAsync("我的待遇");
        var card = Card(console, failed);
        await Assertions.Expect(card.GetByTestId("payments")).ToContainTextAsync("失败");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("my-benefits-failed-payment");

        await card.Locator("input[data-testid=account], [data-testid=account] input").FillAsync("acct-corrected-0001");
        await card.GetByTestId("correct-account").ClickAsync();
        await WaitAsync(async () => (await CaseAsync(failed)).GetProperty("outcome").GetString() == "Paid");
        await console.Page.ReloadAsync();
        // The failed attempt stays on record; the second pays the corrected account (masked: first five, last four).
        var payments = Card(console, failed).GetByTestId("payments").Locator("tbody tr");
        await Assertions.Expect(payments).ToHaveCountAsync(2);
        await Assertions.Expect(payments.Nth(0)).ToContainTextAsync("失败");
        await Assertions.Expect(payments.Nth(1)).ToContainTextAsync("acct-****0001");
        await Assertions.Expect(payments.Nth(1)).ToContainTextAsync("已到账");
    }

    [Fact]
    public async Task Objection_ResidentObjectsToAnEndedCase_AReviewItemOpens()
    {
        var ended = (await session.App.CasesAsync("Paid")).Last(c => c.GetProperty("subjectId").GetString()!.StartsWith("r-", StringComparison.Ordinal));
        var me = ended.GetProperty("subjectId").GetString()!;
        await using var console = await ConsolePage.SignInAsync(session, "resident", me);
        await console.ExpectHeadingAsync("我的待遇");
        var card = console.Page.GetByTestId("benefit").Filter(new() { Has = console.Page.GetByTestId("object-panel") }).First;
        await card.GetByTestId("object-panel").ClickAsync();
        await card.Locator("textarea[data-testid=objection-reason], [data-testid=objection-reason] textarea").First.FillAsync("我的金额应按 90 周岁档计算。");
        await card.Locator("input[data-testid=objection-documents], [data-testid=objection-documents] input").FillAsync("户口簿首页, 出生证明");
        await card.GetByTestId("submit-objection").ClickAsync();
        await Assertions.Expect(card.GetByTestId("benefit-message")).ToContainTextAsync("异议已提交");

        var items = await session.App.GetJsonAsync("reviewer", "/api/reviews?state=New");
        Assert.Contains(items.EnumerateArray(), v => v.GetProperty("item").GetProperty("kind").GetString() is "Objection" or "ObjectionToStop"
            && v.GetProperty("item").GetProperty("documents").EnumerateArray().Any(d => d.GetString() == "出生证明"));
    }

    // A resident's case's card, found by its policy and period.
    private static ILocator Card(ConsolePage console, JsonElement view) =>
        console.Page.Locator($"[data-testid=benefit][data-policy='{view.GetProperty("policyId").GetString()}'][data-period='{view.GetProperty("period").GetString()}']");

    private async Task<JsonElement> CaseAsync(JsonElement view) =>
        await session.App.GetJsonAsync("operator", $"/api/cases/{view.GetProperty("policyId").GetString()}/{view.GetProperty("subjectId").GetString()}/{view.GetProperty("period").GetString()}");

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the case did not reach the state in two minutes");
            await Task.Delay(1000);
        }
    }
}
