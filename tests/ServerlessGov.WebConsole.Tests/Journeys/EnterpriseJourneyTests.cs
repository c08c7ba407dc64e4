using Microsoft.Playwright;
using ServerlessGov.WebConsole.Tests.Support;

namespace ServerlessGov.WebConsole.Tests.Journeys;

/// <summary>Enterprises: the policies that match them and why, notifications received, opting out per topic, a webhook.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EnterpriseJourneyTests(ConsoleSession session)
{
    [Fact]
    public async Task EnterprisePage_Enterprise_SeesMatchesAndWhy_OptsOutOfATopic_RegistersAWebhook()
    {
        var me = (await session.App.GetJsonAsync("operator", "/api/dev/subjects?kind=enterprise")).EnumerateArray().First().GetString()!;
        await using var console = await ConsolePage.SignInAsync(session, "enterprise", me);
        await console.ExpectHeadingAsync("企业服务");
        var matches = console.Page.GetByTestId("matches").Locator("tbody tr");
        await Assertions.Expect(matches).ToHaveCountAsync(3);
        await Assertions.Expect(console.Page.GetByTestId("matches")).ToContainTextAsync("符合");
        await Assertions.Expect(console.Page.GetByTestId("enterprise-headline")).ToContainTextAsync("**********");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("enterprise");

        var subsidies = console.Page.GetByRole(AriaRole.Switch, new() { Name = "补贴与奖励" });
        await Assertions.Expect(subsidies).ToBeCheckedAsync();
        await subsidies.ClickAsync();
        await Assertions.Expect(subsidies).Not.ToBeCheckedAsync();

        // The switch moves at once; the page says when the choice is saved, and only then is it the service's.
        await Assertions.Expect(console.Page.GetByTestId("opt-outs-state")).ToContainTextAsync("已保存");
        var optOuts = await session.App.GetJsonAsync("enterprise", $"/api/enterprises/{me}/opt-outs", me);
        Assert.Contains(optOuts.EnumerateArray(), c => c.GetString() == "subsidies");

        // The app's own event receiver answers Event Grid's handshake, so it stands in for the enterprise's endpoint.
        await console.Page.Locator("input[data-testid=webhook-url], [data-testid=webhook-url] input").FillAsync(new Uri(session.App.BaseAddress, "/api/enterprises/events").ToString());
        await console.Page.GetByTestId("register-webhook").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("webhook-state")).ToContainTextAsync("已登记");
    }
}
