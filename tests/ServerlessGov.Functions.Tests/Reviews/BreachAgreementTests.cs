using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Functions;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Testing;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// A run on the real host (review loops on durable timers, the escalation queue function, the sweep) where claims
/// and decisions land one second before, at, and one second after the deadlines, racing the ladder's own messages:
/// afterwards the worklist, the SLA report and the supervisor's and department head's inboxes name the same breaches.
/// </summary>
public sealed class BreachAgreementTests
{
    [Fact]
    public async Task Run_ActionsRacingTheDeadlines_WorklistReportAndInboxesAgreeOnEveryBreach()
    {
        var clock = new ManualTimeProvider(Bj(11, 2, 9));
        await using var host = await ReviewTestHost.StartAsync(clock, new Dictionary<string, string?>
        {
            ["Reviews:Groups:benefits:Supervisors:0"] = "supervisor-zhao",
            ["Reviews:Groups:benefits:DepartmentHeads:0"] = "head-li",
        });
        var policy = "agree-" + Guid.NewGuid().ToString("N")[..8];
        var items = new Dictionary<string, string>();
        foreach (var name in new[] { "A", "B", "C", "D", "E" })
        {
            var request = UnknownIncome($"case-{policy}-{name}", ReviewPriority.Urgent, policy);
            await host.Durable.StartOnceAsync(ReviewOrchestrations.Review, request, request.WaitingInstanceId);
            items[name] = ReviewWorklist.ItemIdFor(request.WaitingInstanceId);
        }

        await Eventually.AssertAsync(async () => (await host.Worklist.ListAsync(new ReviewListFilter())).Count(v => v.Item.PolicyId == policy) == 5, "the items open");
        var signDue = (await host.Worklist.GetAsync(items["A"])).SignDueAt!.Value;
        var closeDue = (await host.Worklist.GetAsync(items["A"])).CloseDueAt!.Value;
        using var reviewer = host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");
        using var supervisor = host.ClientAs(FunctionRoles.Supervisor, "supervisor-zhao");
        var second = TimeSpan.FromSeconds(1);

        // A and D sign a second early, B at the deadline, C a second late; E is never signed.
        clock.MoveTo(signDue - second);
        await ClaimAsync(reviewer, items["A"], items["D"]);
        clock.MoveTo(signDue);
        await ClaimAsync(reviewer, items["B"]);
        clock.MoveTo(signDue + second);
        await ClaimAsync(reviewer, items["C"]);

        // A is decided a second early (and E, unsigned, by the supervisor), B at the deadline, C and D a second late.
        clock.MoveTo(closeDue - second);
        await DecideAsync(reviewer, items["A"]);
        await DecideAsync(supervisor, items["E"]);
        clock.MoveTo(closeDue);
        await DecideAsync(reviewer, items["B"]);
        clock.MoveTo(closeDue + second);
        await DecideAsync(reviewer, items["C"], items["D"]);
        await host.Sweep.RunAsync();

        var expected = new[] { ("B", "Sign"), ("B", "Close"), ("C", "Sign"), ("C", "Close"), ("D", "Close"), ("E", "Sign") }
            .Select(b => (items[b.Item1], b.Item2)).Order().ToList();
        using var head = host.ClientAs(FunctionRoles.Supervisor, "head-li");
        await Eventually.AssertAsync(async () => (await BreachesInInboxAsync(supervisor, policy)).Count >= expected.Count, "every breach reaches the supervisor", TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        await host.Sweep.RunAsync();
        await Task.Delay(1000);

        Assert.Equal(expected, await BreachesInInboxAsync(supervisor, policy));
        Assert.Equal(expected, await BreachesInInboxAsync(head, policy));
        var report = await supervisor.GetFromJsonAsync<JsonElement>(new Uri("api/reviews/report", UriKind.Relative));
        var row = report.EnumerateArray().Single(r => r.GetProperty("policyId").GetString() == policy);
        Assert.Equal(expected.Count, row.GetProperty("breaches").GetInt32());
        Assert.Equal(1, row.GetProperty("decidedUnsigned").GetInt32());
        foreach (var (name, itemId) in items)
        {
            var shown = await reviewer.GetFromJsonAsync<JsonElement>(new Uri($"api/reviews/{itemId}", UriKind.Relative));
            Assert.True(expected.Any(e => e.Item1 == itemId) == shown.GetProperty("item").GetProperty("overdue").GetBoolean(), $"item {name} is overdue exactly when it breached");
        }
    }

    private static async Task ClaimAsync(HttpClient reviewer, params string[] itemIds)
    {
        foreach (var itemId in itemIds)
        {
            (await reviewer.PostAsync(new Uri($"api/reviews/{itemId}/claim", UriKind.Relative), null)).EnsureSuccessStatusCode();
        }
    }

    private static async Task DecideAsync(HttpClient client, params string[] itemIds)
    {
        foreach (var itemId in itemIds)
        {
            (await client.PostAsJsonAsync(new Uri($"api/reviews/{itemId}/decision", UriKind.Relative), new { approved = true, reason = "income confirmed" })).EnsureSuccessStatusCode();
        }
    }

    private static async Task<List<(string ItemId, string Deadline)>> BreachesInInboxAsync(HttpClient client, string policy)
    {
        var inbox = await client.GetFromJsonAsync<JsonElement>(new Uri("api/inbox?limit=200", UriKind.Relative));
        return inbox.EnumerateArray()
            .Select(e => e.GetProperty("values"))
            .Where(v => v.TryGetProperty("level", out var level) && level.GetString() == "100" && v.GetProperty("policyId").GetString() == policy)
            .Select(v => (v.GetProperty("itemId").GetString()!, v.GetProperty("deadline").GetString()!))
            .Order()
            .ToList();
    }
}
