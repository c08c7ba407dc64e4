using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Functions.Policies.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>Policy requests an outsider might send: each is a 400 (or 404) naming what is wrong, never a 500, a crash or a false "valid".</summary>
public sealed class PolicyInputTests : IAsyncLifetime
{
    private PolicyTestHost _host = null!;

    public async Task InitializeAsync() => _host = await PolicyTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Validate_DocumentWhoseIdIsNull_IsNotValid()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out _);
        document["id"] = null;

        var (response, body) = await author.SendAsync(HttpMethod.Post, "/api/policies/validate", document);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("$.id", out _), body.ToString());
    }

    [Fact]
    public async Task History_OfAPolicyNeverDrafted_Answers404()
    {
        using var auditor = _host.Auditor();

        var (response, _) = await auditor.SendAsync(HttpMethod.Get, "/api/policies/never-drafted-policy/history");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StoredDraftBeyondTheRuleLimit_ValidateDryRunAndPublish_Answer400NamingTheRuleAndTheLimit()
    {
        // A draft stored before the limit existed: the sample's own rule, only wrapped in more parentheses than allowed.
        var document = PolicySamples.OldAgeAllowance(out var id);
        document["version"] = 1;
        document["rule"] = new string('(', RuleLimits.MaxDepth + 8) + document["rule"]!.GetValue<string>() + new string(')', RuleLimits.MaxDepth + 8);
        var draft = new StoredDraft(id, document.ToJsonString(), "r1", DateTimeOffset.UtcNow, "author-1", default);
        var table = _host.Tables.GetTable(PolicyStore.TableName);
        await table.CreateIfNotExistsAsync();
        await table.SubmitTransactionAsync([PolicyStore.AddDraft(draft)]);
        using var author = _host.Author();

        var (validated, validation) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/validate");
        var (dryRun, dryRunProblem) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run");
        var (published, publishProblem) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/publish", ifMatch: "\"r1\"");

        foreach (var (response, problem) in new[] { (validated, validation), (dryRun, dryRunProblem), (published, publishProblem) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var rule = problem.GetProperty("errors").GetProperty("$.rule")[0].GetString();
            Assert.Contains($"{RuleLimits.MaxDepth} levels", rule, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreateDraft_TitleHoldingALoneSurrogate_Answers400NamingTheField()
    {
        var json = PolicySamples.OldAgeAllowance(out _).ToJsonString().Replace("\"zh\":\"", "\"zh\":\"\\ud800", StringComparison.Ordinal);

        var (status, errors) = await CreateDraftAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("valid Unicode", errors.GetProperty("$.title.zh")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDraft_IdGivenTwice_Answers400NamingIt()
    {
        var document = PolicySamples.OldAgeAllowance(out var id);
        var json = document.ToJsonString().Replace($"\"id\":\"{id}\"", $"\"id\":\"{id}\",\"id\":\"another-policy\"", StringComparison.Ordinal);

        var (status, errors) = await CreateDraftAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("appears twice", errors.GetProperty("$.id")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TierBoundGivenAsText_SaysTheDictionarysTypeNotADotNetType()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out _);
        document["amount"]!["tiers"]![0]!["from"] = "eighty";

        var (response, body) = await author.SendAsync(HttpMethod.Post, "/api/policies/validate", document);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("must be a decimal", body.GetProperty("errors").GetProperty("$.amount.tiers[0].from")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retire_ReasonOfTheWrongKind_NamesTheFieldAndTheKindNotADotNetType()
    {
        using var supervisor = _host.Supervisor();

        var (response, body) = await supervisor.SendAsync(HttpMethod.Post, "/api/policies/some-policy/versions/1/retire", JsonNode.Parse("""{"reason": 5}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("must be a string (valid Unicode text)", body.GetProperty("errors").GetProperty("$.reason")[0].GetString());
        Assert.DoesNotContain("RetireRequest", body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/policies/{0}/draft")]
    [InlineData("GET", "/api/policies/{0}/history")]
    [InlineData("POST", "/api/policies/{0}/draft/validate")]
    [InlineData("GET", "/api/policies/{0}/versions/1")]
    public async Task Routes_PolicyIdOfFiveThousandCharacters_Answer400WithTheRuleWithoutEchoingIt(string method, string route)
    {
        using var author = _host.Client("author-1", Hosting.Security.FunctionRoles.PolicyAuthor, Hosting.Security.FunctionRoles.Supervisor);
        var id = new string('a', 5_000);

        var (response, body) = await author.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AppRouteValues.PolicyId.Description, body.GetProperty("errors").GetProperty("policyId")[0].GetString());
        Assert.DoesNotContain("aaaaaaaaaa", body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Sends <paramref name="json"/> as it is (no JSON library could write it) to create a draft; the status and the problem's errors.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Errors)> CreateDraftAsync(string json)
    {
        using var author = _host.Author();
        using var response = await author.PostAsync(new Uri("/api/policies/drafts", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.TryGetProperty("errors", out var errors) ? errors.Clone() : default);
    }
}
