using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting.Security;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>The worklist over real HTTP on a real host: who may do what, decision conflicts, objections, masking and audit.</summary>
public sealed class WorklistApiTests : IAsyncLifetime
{
    private ReviewTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Decide_TwoDecisionsOnTheSameVersion_FirstWinsSecondGets409()
    {
        var itemId = await OpenAsync("case-conflict");
        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");
        using var supervisor = _host.ClientAs(FunctionRoles.Supervisor, "supervisor-zhao");
        (await reviewer.PostAsync(Uri($"reviews/{itemId}/claim"), null)).EnsureSuccessStatusCode();
        using var read = await reviewer.GetAsync(Uri($"reviews/{itemId}"));
        var etag = read.Headers.ETag!.ToString();

        using var first = await DecideAsync(reviewer, itemId, etag, approved: true);
        using var second = await DecideAsync(supervisor, itemId, etag, approved: false);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
        var item = (await _host.Worklist.GetAsync(itemId)).Item;
        Assert.True(item.Approved);
        Assert.Equal("reviewer-li", item.DecidedBy);
    }

    [Fact]
    public async Task Decide_TwoReviewersAtOnce_ExactlyOneWins()
    {
        var itemId = await OpenAsync("case-race");
        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");
        using var supervisor = _host.ClientAs(FunctionRoles.Supervisor, "supervisor-zhao");
        (await reviewer.PostAsync(Uri($"reviews/{itemId}/claim"), null)).EnsureSuccessStatusCode();

        var answers = await Task.WhenAll(DecideAsync(reviewer, itemId, null, approved: true), DecideAsync(supervisor, itemId, null, approved: false));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var winner = (await _host.Worklist.GetAsync(itemId)).Item.DecidedBy;
        var decided = await _host.Durable.WaitForInstanceCompletionAsync(ReviewOrchestrations.InstanceIdFor("case-race", ReviewReasonKind.UnknownFacts), getInputsAndOutputs: true, Timeout());
        Assert.Equal(winner, decided.ReadOutputAs<ReviewDecision>()!.DecidedBy);
    }

    [Fact]
    public async Task Decide_SupervisorAssignsThenAssigneeRetriesSameDecision_SecondAnswerIsTheSameDecision()
    {
        var itemId = await OpenAsync("case-assign");
        using var supervisor = _host.ClientAs(FunctionRoles.Supervisor, "supervisor-zhao");
        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-wang");
        (await supervisor.PostAsJsonAsync(Uri($"reviews/{itemId}/assign"), new { assignee = "reviewer-wang" })).EnsureSuccessStatusCode();
        Assert.Equal(ReviewState.Assigned, (await _host.Worklist.GetAsync(itemId)).Item.State);

        using var first = await DecideAsync(reviewer, itemId, null, approved: false);
        using var retry = await DecideAsync(reviewer, itemId, null, approved: false);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var decided = await _host.Durable.WaitForInstanceCompletionAsync(ReviewOrchestrations.InstanceIdFor("case-assign", ReviewReasonKind.UnknownFacts), getInputsAndOutputs: true, Timeout());
        Assert.False(decided.ReadOutputAs<ReviewDecision>()!.Approved);
    }

    [Fact]
    public async Task Claim_ItemAlreadySignedByAnother_Gets409()
    {
        var itemId = await OpenAsync("case-claim");
        using var li = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");
        using var wang = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-wang");
        (await li.PostAsync(Uri($"reviews/{itemId}/claim"), null)).EnsureSuccessStatusCode();

        using var late = await wang.PostAsync(Uri($"reviews/{itemId}/claim"), null);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Theory]
    [InlineData(null, "GET", "reviews", HttpStatusCode.Unauthorized)]
    [InlineData(FunctionRoles.Resident, "GET", "reviews", HttpStatusCode.Forbidden)]
    [InlineData(FunctionRoles.Reviewer, "POST", "reviews/{id}/assign", HttpStatusCode.Forbidden)]
    [InlineData(FunctionRoles.Auditor, "POST", "reviews/{id}/decision", HttpStatusCode.Forbidden)]
    [InlineData(FunctionRoles.Reviewer, "GET", "reviews/report", HttpStatusCode.Forbidden)]
    [InlineData(FunctionRoles.Reviewer, "POST", "objections", HttpStatusCode.Forbidden)]
    [InlineData(FunctionRoles.Auditor, "GET", "reviews/report", HttpStatusCode.OK)]
    [InlineData(FunctionRoles.Auditor, "GET", "reviews", HttpStatusCode.OK)]
    public async Task Endpoint_CallerRole_IsAdmittedOnlyWhenDeclared(string? role, string method, string route, HttpStatusCode expected)
    {
        var itemId = await OpenAsync("case-roles-" + Guid.NewGuid().ToString("N"));
        using var client = role is null ? new HttpClient { BaseAddress = _host.Client.BaseAddress } : _host.ClientAs(role, "someone");
        using var request = new HttpRequestMessage(new HttpMethod(method), Uri(route.Replace("{id}", itemId, StringComparison.Ordinal)));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { approved = true, reason = "x", assignee = "x" });
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public void Endpoints_EveryReviewFunction_IsProtected()
    {
        Assert.Empty(EndpointAudit.FindUnprotected(_host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()));
    }

    [Fact]
    public async Task Objection_ResidentWithDocuments_OpensMaskedItemUnderSlaAndDecisionEndsItsReview()
    {
        using var resident = _host.ClientAs(FunctionRoles.Resident, "subj-9f31");
        using var response = await resident.PostAsJsonAsync(Uri("objections"), new
        {
            caseInstanceId = "case-decided-77",
            policyId = "old-age-allowance",
            policyVersion = 2,
            statement = "My ID 11010519491231002X shows I turned 80 in December.",
            documents = new[] { "doc-birth-certificate" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<ObjectionAccepted>())!;
        Assert.Equal(ReviewOrchestrations.ObjectionInstanceIdFor("case-decided-77"), accepted.InstanceId);

        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");
        var listed = await reviewer.GetFromJsonAsync<JsonElement>(Uri("reviews?group=objections"));
        var shown = listed.EnumerateArray().Single().GetProperty("item");
        Assert.Equal("Objection", shown.GetProperty("kind").GetString());
        Assert.DoesNotContain("11010519491231002X", shown.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("1101**********002X", shown.GetProperty("statement").GetString(), StringComparison.Ordinal);
        Assert.Equal("doc-birth-certificate", shown.GetProperty("documents")[0].GetString());
        Assert.NotEqual(JsonValueKind.Null, listed.EnumerateArray().Single().GetProperty("closeDueAt").ValueKind);

        (await reviewer.PostAsync(Uri($"reviews/{accepted.ItemId}/claim"), null)).EnsureSuccessStatusCode();
        (await DecideAsync(reviewer, accepted.ItemId, null, approved: true)).EnsureSuccessStatusCode();
        var done = await _host.Durable.WaitForInstanceCompletionAsync(accepted.InstanceId, getInputsAndOutputs: true, Timeout());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<ReviewDecision>()!.Approved);

        var audit = _host.Services.GetRequiredService<AuditTrail>();
        var actions = new List<string>();
        await foreach (var record in audit.ReadAsync(ReviewWorklist.AuditStream(accepted.ItemId)))
        {
            actions.Add(record.Entry.Action);
            Assert.DoesNotContain("11010519491231002X", record.Entry.After ?? "", StringComparison.Ordinal);
        }

        Assert.Equal(["review.opened", "review.claimed", "review.decided"], actions);
        Assert.True((await audit.VerifyAsync(ReviewWorklist.AuditStream(accepted.ItemId))).IsIntact);
    }

    [Fact]
    public async Task Evidence_AskedThenReceived_PausesAndResumesTheItem()
    {
        var itemId = await OpenAsync("case-evidence");
        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");
        using var resident = _host.ClientAs(FunctionRoles.Resident, "subj-case-evidence");
        using var stranger = _host.ClientAs(FunctionRoles.Resident, "subj-someone-else");
        (await reviewer.PostAsync(Uri($"reviews/{itemId}/claim"), null)).EnsureSuccessStatusCode();
        (await reviewer.PostAsync(Uri($"reviews/{itemId}/start"), null)).EnsureSuccessStatusCode();

        (await reviewer.PostAsJsonAsync(Uri($"reviews/{itemId}/evidence-requests"), new { items = new[] { "employer's income certificate" } })).EnsureSuccessStatusCode();
        var waiting = (await _host.Worklist.GetAsync(itemId));
        Assert.Equal(ReviewState.WaitingForEvidence, waiting.Item.State);
        Assert.Null(waiting.CloseDueAt);

        using var wrongResident = await stranger.PostAsJsonAsync(Uri($"reviews/{itemId}/evidence"), new { items = new[] { "doc-1" } });
        Assert.Equal(HttpStatusCode.Conflict, wrongResident.StatusCode);
        (await resident.PostAsJsonAsync(Uri($"reviews/{itemId}/evidence"), new { items = new[] { "doc-income-2026" } })).EnsureSuccessStatusCode();
        var resumed = await _host.Worklist.GetAsync(itemId);
        Assert.Equal(ReviewState.InProgress, resumed.Item.State);
        Assert.NotNull(resumed.CloseDueAt);
    }

    [Fact]
    public async Task Decide_MissingReason_Is400NamingTheField()
    {
        var itemId = await OpenAsync("case-400");
        using var reviewer = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");

        using var response = await reviewer.PostAsJsonAsync(Uri($"reviews/{itemId}/decision"), new { approved = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reason", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MixedItems_MostUrgentFirstAndFilteredByAssignee()
    {
        var normal = await OpenAsync("case-list-normal");
        var urgent = await OpenAsync("case-list-urgent", ReviewPriority.Urgent);
        await _host.Worklist.ClaimAsync(normal, new ReviewActor("reviewer-li", FunctionRoles.Reviewer));

        var all = await _host.Worklist.ListAsync(new ReviewListFilter(Group: "benefits"));
        var mine = await _host.Worklist.ListAsync(new ReviewListFilter(Assignee: "reviewer-li"));

        Assert.True(all.ToList().FindIndex(v => v.Item.Id == urgent) < all.ToList().FindIndex(v => v.Item.Id == normal));
        Assert.Equal([normal], mine.Select(v => v.Item.Id));
    }

    [Fact]
    public async Task Priority_SupervisorRaisesWithReason_UrgentTargetsCountFromTheChangeAndTheReasonIsAudited()
    {
        var itemId = await OpenAsync("case-raise");
        using var supervisor = _host.ClientAs(FunctionRoles.Supervisor, "supervisor-zhao");
        var before = DateTimeOffset.UtcNow;

        using var raised = await supervisor.PostAsJsonAsync(Uri($"reviews/{itemId}/priority"), new { priority = "Urgent", reason = "the resident 11010519491231002X has no income this month" });

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        var view = await raised.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Urgent", view.GetProperty("item").GetProperty("priority").GetString());
        var signDue = view.GetProperty("signDueAt").GetDateTimeOffset();
        Assert.InRange(signDue, before + TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow + TimeSpan.FromMinutes(5));
        Assert.InRange(view.GetProperty("closeDueAt").GetDateTimeOffset(), before + TimeSpan.FromHours(24), DateTimeOffset.UtcNow + TimeSpan.FromHours(24));
        var change = view.GetProperty("item").GetProperty("priorityChanges").EnumerateArray().Single();
        Assert.Equal(("Normal", "Urgent", "supervisor-zhao"), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("by").GetString()));
        Assert.Contains("1101**********002X", change.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var actions = new List<(string Action, string? After)>();
        await foreach (var record in _host.Services.GetRequiredService<AuditTrail>().ReadAsync(ReviewWorklist.AuditStream(itemId)))
        {
            actions.Add((record.Entry.Action, record.Entry.After));
        }

        var audited = Assert.Single(actions, a => a.Action == "review.priority-changed");
        Assert.Contains("has no income this month", audited.After, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", audited.After, StringComparison.Ordinal);

        using var lowered = await supervisor.PostAsJsonAsync(Uri($"reviews/{itemId}/priority"), new { priority = "Normal", reason = "income confirmed by phone" });
        Assert.Equal("Normal", (await lowered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item").GetProperty("priority").GetString());
    }

    [Theory]
    [InlineData(FunctionRoles.Reviewer, "Urgent", "the resident is in hardship", HttpStatusCode.Forbidden, null)]
    [InlineData(FunctionRoles.Supervisor, "Critical", "the resident is in hardship", HttpStatusCode.BadRequest, "priority")]
    [InlineData(FunctionRoles.Supervisor, "1", "the resident is in hardship", HttpStatusCode.BadRequest, "priority")]
    [InlineData(FunctionRoles.Supervisor, "Urgent", null, HttpStatusCode.BadRequest, "reason")]
    public async Task Priority_WrongRoleOrBadBody_IsRefusedNamingTheField(string role, string priority, string? reason, HttpStatusCode expected, string? field)
    {
        var itemId = await OpenAsync("case-priority-" + Guid.NewGuid().ToString("N"));
        using var client = _host.ClientAs(role, "someone");

        using var response = await client.PostAsJsonAsync(Uri($"reviews/{itemId}/priority"), new { priority, reason });

        Assert.Equal(expected, response.StatusCode);
        if (field is not null)
        {
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(ReviewPriority.Normal, (await _host.Worklist.GetAsync(itemId)).Item.Priority);
    }

    [Fact]
    public async Task Inbox_NotificationsForAPersonAndTheirRole_UnreadFirstMarkReadAndOthersCannotTouchThem()
    {
        var sender = _host.Services.GetRequiredService<INotificationSender>();
        var tag = Guid.NewGuid().ToString("N");
        Dictionary<string, string> Values(string n) => new() { ["n"] = n, ["tag"] = tag };
        await sender.SendAsync(new Notification($"inbox/{tag}/1", "supervisor-qian", NotificationChannel.InApp, "review-escalation", Values("1")));
        await sender.SendAsync(new Notification($"inbox/{tag}/2", "role:supervisor", NotificationChannel.InApp, "review-escalation", Values("2")));
        await sender.SendAsync(new Notification($"inbox/{tag}/3", "supervisor-qian", NotificationChannel.InApp, "review-escalation", Values("3")));
        await sender.SendAsync(new Notification($"inbox/{tag}/4", "reviewer-li", NotificationChannel.InApp, "review-escalation", Values("4")));
        using var qian = _host.ClientAs(FunctionRoles.Supervisor, "supervisor-qian");
        using var li = _host.ClientAs(FunctionRoles.Reviewer, "reviewer-li");

        var first = await ListAsync(qian, tag);
        Assert.Equal(["1", "2", "3"], first.Select(e => e.GetProperty("values").GetProperty("n").GetString()).Order());
        Assert.All(first, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("readAt").ValueKind));
        var one = first.Single(e => e.GetProperty("values").GetProperty("n").GetString() == "1").GetProperty("id").GetString();

        using (var stranger = await li.PostAsync(Uri($"inbox/{one}/read"), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        }

        using (var read = await qian.PostAsync(Uri($"inbox/{one}/read"), null))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var after = await ListAsync(qian, tag);
        Assert.Equal("1", after[^1].GetProperty("values").GetProperty("n").GetString());
        Assert.NotEqual(JsonValueKind.Null, after[^1].GetProperty("readAt").ValueKind);
        Assert.All(after.Take(2), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("readAt").ValueKind));
        Assert.Equal(["4"], (await ListAsync(li, tag)).Select(e => e.GetProperty("values").GetProperty("n").GetString()));
        using var tooMany = await qian.GetAsync(Uri("inbox?limit=1000"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("limit", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string tag) =>
        (await client.GetFromJsonAsync<JsonElement>(Uri("inbox?limit=200"))).EnumerateArray()
            .Where(e => e.GetProperty("values").TryGetProperty("tag", out var t) && t.GetString() == tag)
            .ToList();

    private async Task<string> OpenAsync(string caseId, ReviewPriority priority = ReviewPriority.Normal)
    {
        var request = UnknownIncome(caseId, priority);
        await _host.Durable.StartOnceAsync(ReviewOrchestrations.Review, request, request.WaitingInstanceId);
        var itemId = ReviewWorklist.ItemIdFor(request.WaitingInstanceId);
        await Eventually.AssertAsync(async () => (await _host.Worklist.ListAsync(new ReviewListFilter())).Any(v => v.Item.Id == itemId), "the item opens");
        return itemId;
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, string itemId, string? etag, bool approved)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Uri($"reviews/{itemId}/decision"))
        {
            Content = JsonContent.Create(new { approved, reason = approved ? "facts confirmed" : "income above the line" }),
        };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    private static Uri Uri(string path) => new("api/" + path, UriKind.Relative);

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
}
