using Microsoft.Playwright;
using ServerlessGov.WebConsole.Tests.Support;

namespace ServerlessGov.WebConsole.Tests.Journeys;

/// <summary>Everyone who signs in reads their own inbox.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class InboxJourneyTests(ConsoleSession session)
{
    [Fact]
    public async Task Inbox_SignedInReviewer_SeesTheInboxInChineseAndCanSwitchToEnglish()
    {
        await using var console = await ConsolePage.SignInAsync(session, "reviewer", "reviewer-li");
        await console.GoToAsync("", "我的消息");
        await console.ExpectAccessibleAsync();
        await console.ScreenshotAsync("inbox");

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "My inbox" })).ToBeVisibleAsync();
        Assert.Equal("en", await console.Page.EvaluateAsync<string>("document.documentElement.lang"));
    }
}
