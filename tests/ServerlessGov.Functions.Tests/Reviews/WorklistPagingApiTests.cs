using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Testing;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// The worklist a page at a time and its overdue filter, over real HTTP on a real host whose clock the test moves:
/// what the console's worklist and supervision pages ask for instead of reading the whole list.
/// </summary>
public sealed class WorklistPagingApiTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(Bj(11, 2, 9));
    private ReviewTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewTestHost.StartAsync(_clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_OverdueFilter_ShowsOnlyTheItemsThatMissedADeadlineOrOnlyTheOthers()
    {
        var late = await OpenAsync("case-overdue-urgent", ReviewPriority.Urgent);
        var onTime = await OpenAsync("case-overdue-normal");
        var signDue = (await _host.Worklist.GetAsync(late)).SignDueAt!.Value;
        _clock.MoveTo(signDue + TimeSpan.FromMinutes(1));
        using var supervisor = _host.ClientAs(FunctionRoles.Supervisor, "supervisor-zhao");

        var overdue = await IdsAsync(supervisor, "reviews?overdue=true");
        var notOverdue = await IdsAsync(supervisor, "reviews?overdue=false");

        Assert.Equal([late], overdue);
        Assert.Equal([onTime], notOverdue);
        Assert.Equal([late, onTime], await IdsAsync(supervisor, "reviews"));
    }

    [Fact]
    public async Task List_PagedByOffsetAndLimit_PagesFollowTheWholeListWithoutOverlap()
    {
        var opened = new List<string>();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            opened.Add(await OpenAsync("case-page-" + name, name == "d" ? ReviewPriority.Urgent : ReviewPriority.Normal));
        }

        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");

        var whole = await IdsAsync(reviewer, "reviews");
        var pages = new[] { await IdsAsync(reviewer, "reviews?limit=2"), await IdsAsync(reviewer, "reviews?offset=2&limit=2"), await IdsAsync(reviewer, "reviews?offset=4&limit=2") };

        Assert.Equal(opened.Order(), whole.Order());
        Assert.Equal(opened[3], whole[0]);
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(whole, pages.SelectMany(p => p));
        Assert.Empty(await IdsAsync(reviewer, "reviews?offset=5&limit=2"));
    }

    [Theory]
    [InlineData("reviews?offset=-1", "offset")]
    [InlineData("reviews?offset=first", "offset")]
    [InlineData("reviews?overdue=maybe", "overdue")]
    [InlineData("reviews?limit=0", "limit")]
    [InlineData("reviews?limit=1001", "limit")]
    public async Task List_BadPagingOrFilter_Is400ProblemNamingTheParameter(string path, string parameter)
    {
        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");

        using var response = await reviewer.GetAsync(Uri(path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(parameter, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(Uri(path))).EnumerateArray()
            .Select(v => v.GetProperty("item").GetProperty("id").GetString()!)
            .ToList();

    private async Task<string> OpenAsync(string caseId, ReviewPriority priority = ReviewPriority.Normal)
    {
        var request = UnknownIncome(caseId, priority);
        await _host.Durable.StartOnceAsync(ReviewOrchestrations.Review, request, request.WaitingInstanceId);
        var itemId = ReviewWorklist.ItemIdFor(request.WaitingInstanceId);
        await Eventually.AssertAsync(async () => (await _host.Worklist.ListAsync(new ReviewListFilter())).Any(v => v.Item.Id == itemId), "the item opens");
        return itemId;
    }

    private static Uri Uri(string path) => new("api/" + path, UriKind.Relative);
}
