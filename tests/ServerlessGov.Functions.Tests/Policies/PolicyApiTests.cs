using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>The policy API over real HTTP with real tokens, on a SQLite file: drafts, validation, publish, retire, roles, audit.</summary>
public sealed class PolicyApiTests : IAsyncLifetime
{
    private PolicyTestHost _host = null!;

    public async Task InitializeAsync() => _host = await PolicyTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateDraft_SampleDocument_Returns201WithETagAndAssignsVersion1()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        document["version"] = 7;

        var (response, body) = await author.SendAsync(HttpMethod.Post, "/api/policies/drafts", document);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/policies/{id}/draft", response.Headers.Location!.ToString());
        Assert.Equal(body.GetProperty("eTag").GetString(), response.Headers.ETag!.ToString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal(1, body.GetProperty("document").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task CreateDraft_SecondDraftForSamePolicy_Returns409()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out _);
        await author.CreateDraftAsync(document);

        var (response, body) = await author.SendAsync(HttpMethod.Post, "/api/policies/drafts", document);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already has a draft", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateDraft_StaleETag_Returns412AndKeepsTheOtherAuthorsChange()
    {
        using var first = _host.Author("author-1");
        using var second = _host.Author("author-2");
        var document = PolicySamples.OldAgeAllowance(out var id);
        var etag = await first.CreateDraftAsync(document);

        document["legalBasis"] = "edited by author 2";
        var (won, _) = await second.SendAsync(HttpMethod.Put, $"/api/policies/{id}/draft", document, etag);
        document["legalBasis"] = "edited by author 1";
        var (lost, problem) = await first.SendAsync(HttpMethod.Put, $"/api/policies/{id}/draft", document, etag);

        Assert.Equal(HttpStatusCode.OK, won.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, lost.StatusCode);
        Assert.Equal("If-Match", problem.GetProperty("field").GetString());
        var (_, draft) = await first.SendAsync(HttpMethod.Get, $"/api/policies/{id}/draft");
        Assert.Equal("edited by author 2", draft.GetProperty("document").GetProperty("legalBasis").GetString());
        Assert.Equal("author-2", draft.GetProperty("updatedBy").GetString());
    }

    [Fact]
    public async Task UpdateDraft_WithoutIfMatch_Returns428()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.CreateDraftAsync(document);

        var (response, _) = await author.SendAsync(HttpMethod.Put, $"/api/policies/{id}/draft", document);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
    }

    [Fact]
    public async Task ValidateDraft_MisspelledFactInTextRule_Returns400WithPathLineColumnAndCode()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        document["rule"] = "age_on(period_end) >= 80 and not decesed";
        document["budgetCap"] = "lots";
        await author.CreateDraftAsync(document);

        var (response, problem) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/validate");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var budget = problem.GetProperty("errors").GetProperty("$.budgetCap")[0].GetString();
        Assert.Contains("budget cap", budget, StringComparison.Ordinal);

        document["budgetCap"] = "1000.00";
        var (_, ruleProblem) = await author.SendAsync(HttpMethod.Post, "/api/policies/validate", document);
        var error = ruleProblem.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal("$.rule", error.GetProperty("path").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal(34, error.GetProperty("column").GetInt32());
        Assert.Equal("unknown_fact", error.GetProperty("code").GetString());
        Assert.Contains("did you mean 'deceased'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateDocument_Sample_Returns200WithTestCaseCount()
    {
        using var author = _host.Author();

        var (response, body) = await author.SendAsync(HttpMethod.Post, "/api/policies/validate", PolicySamples.OldAgeAllowance(out _));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(11, body.GetProperty("testCases").GetInt32());
    }

    [Fact]
    public async Task Publish_FailingTestCase_Returns400AndPublishesNothing()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        document["testCases"]![1]!["expect"]!["amount"] = "120.00";
        var etag = await author.CreateDraftAsync(document);

        var (response, problem) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/publish", ifMatch: etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = problem.GetProperty("errors").GetProperty("$.testCases[1]")[0].GetString();
        Assert.Contains("expected amount ¥120.00 but computed ¥100.00", message, StringComparison.Ordinal);
        var (versions, _) = await author.SendAsync(HttpMethod.Get, $"/api/policies/{id}/versions");
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
        var (draft, _) = await author.SendAsync(HttpMethod.Get, $"/api/policies/{id}/draft");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
    }

    [Fact]
    public async Task Publish_WithEffectiveWindow_StoresVersion1ClosesTheDraftAndAnnouncesIt()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        var etag = await author.CreateDraftAsync(document);

        var (response, version) = await author.SendAsync(
            HttpMethod.Post, $"/api/policies/{id}/publish", JsonNode.Parse("""{"effectiveFrom": "2026-02-01", "effectiveUntil": "2027-12-31"}"""), etag);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((1, "published", "2026-02-01", "2027-12-31"), (
            version.GetProperty("version").GetInt32(), version.GetProperty("status").GetString(),
            version.GetProperty("effectiveFrom").GetString(), version.GetProperty("effectiveUntil").GetString()));
        var (draft, _) = await author.SendAsync(HttpMethod.Get, $"/api/policies/{id}/draft");
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        // The announcement on policy-runs is read by the cases feature, which starts the run for version 1.
        var runs = await WaitForRunsAsync($"run|{id}|v1|");
        Assert.EndsWith("|publish", Assert.Single(runs).InstanceId, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<OrchestrationMetadata>> WaitForRunsAsync(string instanceIdPrefix)
    {
        var client = _host.Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = new List<OrchestrationMetadata>();
            await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = instanceIdPrefix, FetchInputsAndOutputs = true }))
            {
                found.Add(instance);
            }

            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Publish_NextVersion_LeavesTheEarlierVersionExactlyAsPublished()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.PublishAsync(id, await author.CreateDraftAsync(document));
        var (_, v1Before) = await author.SendAsync(HttpMethod.Get, $"/api/policies/{id}/versions/1");

        document["legalBasis"] = "revised basis";
        var draft = await author.CreateDraftAsync(document);
        var v2 = await author.PublishAsync(id, draft);
        var (_, v1After) = await author.SendAsync(HttpMethod.Get, $"/api/policies/{id}/versions/1");
        var (put, _) = await author.SendAsync(HttpMethod.Put, $"/api/policies/{id}/versions/1", document);

        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal("revised basis", v2.GetProperty("document").GetProperty("legalBasis").GetString());
        Assert.Equal(v1Before.GetProperty("document").ToString(), v1After.GetProperty("document").ToString());
        Assert.NotEqual("revised basis", v1After.GetProperty("document").GetProperty("legalBasis").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        var (_, versions) = await author.SendAsync(HttpMethod.Get, $"/api/policies/{id}/versions");
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Retire_BySupervisor_MarksRetiredOnceAndAuthorsMayNot()
    {
        using var author = _host.Author();
        using var supervisor = _host.Supervisor();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.PublishAsync(id, await author.CreateDraftAsync(document));
        var reason = JsonNode.Parse("""{"reason": "replaced by the 2027 standard"}""");

        var (byAuthor, _) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/versions/1/retire", reason);
        var (retired, body) = await supervisor.SendAsync(HttpMethod.Post, $"/api/policies/{id}/versions/1/retire", reason);
        var (again, _) = await supervisor.SendAsync(HttpMethod.Post, $"/api/policies/{id}/versions/1/retire", reason);
        var (noReason, problem) = await supervisor.SendAsync(HttpMethod.Post, $"/api/policies/{id}/versions/1/retire", JsonNode.Parse("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal(("retired", "supervisor-1", "replaced by the 2027 standard"), (
            body.GetProperty("status").GetString(), body.GetProperty("retiredBy").GetString(), body.GetProperty("retireReason").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.reason", out _));
    }

    [Fact]
    public async Task Endpoints_WrongOrMissingRole_Return403Or401()
    {
        using var anonymous = _host.Client();
        using var auditor = _host.Auditor();
        using var resident = _host.Client("resident-1", Hosting.Security.FunctionRoles.Resident);
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.CreateDraftAsync(document);

        var (noToken, _) = await anonymous.SendAsync(HttpMethod.Get, "/api/policies");
        var (auditorDrafts, _) = await auditor.SendAsync(HttpMethod.Post, "/api/policies/drafts", document);
        var (residentList, _) = await resident.SendAsync(HttpMethod.Get, "/api/policies");
        var (auditorHistory, _) = await auditor.SendAsync(HttpMethod.Get, $"/api/policies/{id}/history");

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditorDrafts.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, residentList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditorHistory.StatusCode);
    }

    [Fact]
    public async Task History_EveryChange_RecordsWhoWhatAndBeforeAfterInAnIntactChain()
    {
        using var author = _host.Author("author-7");
        using var supervisor = _host.Supervisor("supervisor-3");
        using var auditor = _host.Auditor();
        var document = PolicySamples.OldAgeAllowance(out var id);
        var etag = await author.CreateDraftAsync(document);
        document["legalBasis"] = "second wording";
        var (updated, _) = await author.SendAsync(HttpMethod.Put, $"/api/policies/{id}/draft", document, etag);
        await author.PublishAsync(id, updated.Headers.ETag!.ToString());
        await supervisor.SendAsync(HttpMethod.Post, $"/api/policies/{id}/versions/1/retire", JsonNode.Parse("""{"reason": "pilot ended"}"""));

        var (response, history) = await auditor.SendAsync(HttpMethod.Get, $"/api/policies/{id}/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(history.GetProperty("intact").GetBoolean());
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            ["policy.draft.created", "policy.draft.updated", "policy.published", "policy.retired"],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["author-7", "author-7", "author-7", "supervisor-3"], entries.Select(e => e.GetProperty("actor").GetString()));
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("before").ValueKind);
        Assert.Equal("second wording", entries[1].GetProperty("after").GetProperty("document").GetProperty("legalBasis").GetString());
        Assert.NotEqual("second wording", entries[1].GetProperty("before").GetProperty("document").GetProperty("legalBasis").GetString());
        Assert.Equal(("draft", "published"), (entries[2].GetProperty("before").GetProperty("state").GetString(), entries[2].GetProperty("after").GetProperty("state").GetString()));
        Assert.Equal($"policy/{id}/v1", entries[2].GetProperty("target").GetString());
        Assert.Equal(("published", "retired"), (entries[3].GetProperty("before").GetProperty("state").GetString(), entries[3].GetProperty("after").GetProperty("state").GetString()));
        Assert.Equal("supervisor", entries[3].GetProperty("role").GetString());
    }

    [Fact]
    public async Task ListPolicies_DraftAndPublished_ShowsLatestVersionAndOpenDraft()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.PublishAsync(id, await author.CreateDraftAsync(document));
        await author.CreateDraftAsync(document);

        var (_, list) = await author.SendAsync(HttpMethod.Get, "/api/policies");

        var summary = list.EnumerateArray().Single(p => p.GetProperty("policyId").GetString() == id);
        Assert.Equal((1, "published", true, "高龄津贴（示例金额）"), (
            summary.GetProperty("latestVersion").GetInt32(), summary.GetProperty("latestStatus").GetString(),
            summary.GetProperty("hasDraft").GetBoolean(), summary.GetProperty("titleZh").GetString()));
    }

    [Fact]
    public async Task OpenApi_Document_DescribesEveryPolicyEndpointAndItsBodies()
    {
        using var anonymous = _host.Client();

        var (_, openApi) = await anonymous.SendAsync(HttpMethod.Get, "/openapi/v1.json");

        var paths = openApi.GetProperty("paths");
        foreach (var path in new[]
                 {
                     "/api/policies", "/api/policies/drafts", "/api/policies/validate", "/api/policies/{policyId}/draft",
                     "/api/policies/{policyId}/draft/validate", "/api/policies/{policyId}/draft/dry-run", "/api/policies/{policyId}/publish",
                     "/api/policies/{policyId}/versions", "/api/policies/{policyId}/versions/{version}",
                     "/api/policies/{policyId}/versions/{version}/retire", "/api/policies/{policyId}/history",
                 })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        var schemas = openApi.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "PolicyDto", "PolicyDraftView", "PolicyVersionView", "DryRunReport", "PolicyHistory", "PublishRequest", "RetireRequest" })
        {
            Assert.True(schemas.TryGetProperty(schema, out _), $"schema {schema} is missing from the OpenAPI document");
        }

        var createBody = paths.GetProperty("/api/policies/drafts").GetProperty("post").GetProperty("requestBody");
        Assert.Contains("PolicyDto", createBody.ToString(), StringComparison.Ordinal);
    }
}
