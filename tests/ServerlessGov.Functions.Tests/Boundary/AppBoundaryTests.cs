using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Functions.Tests.Policies;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Boundary;

/// <summary>
/// The real app process as an outsider meets it: requests built to crash it, identity numbers typed into URLs, and the
/// settings that decide which surfaces exist (development keys, the sandbox bank) in each environment.
/// </summary>
public sealed class AppBoundaryTests
{
    private const string IdentityNumber = "11010519491231002X";

    [Fact]
    public async Task Rule_NestedThousandsOfLevelsDeep_Answers400NamingTheRuleAndTheLimitAndTheAppKeepsServing()
    {
        await using var app = await FunctionApp.StartAsync();
        using var author = Client(app, FunctionRoles.PolicyAuthor);
        var text = PolicySamples.OldAgeAllowance(out _);
        text["rule"] = new string('(', 20_000) + "not deceased" + new string(')', 20_000);
        var json = PolicySamples.OldAgeAllowance(out _);
        json["rule"] = Nested(60);

        using var validated = await author.PostAsync(new Uri("/api/policies/validate", UriKind.Relative), Body(text));
        using var drafted = await author.PostAsync(new Uri("/api/policies/drafts", UriKind.Relative), Body(text));
        using var jsonDrafted = await author.PostAsync(new Uri("/api/policies/drafts", UriKind.Relative), Body(json));

        foreach (var response in new[] { validated, drafted, jsonDrafted })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            var rule = Assert.Single(errors.EnumerateObject(), e => e.Name.StartsWith("$.rule", StringComparison.Ordinal));
            Assert.Contains($"{RuleLimits.MaxDepth} levels", rule.Value[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative))).StatusCode);
        Assert.False(app.Process.HasExited);
    }

    [Fact]
    public async Task IdentityNumber_TypedIntoTenRoutes_IsRefusedWithTheLookupNeverEchoedAndNeverLogged()
    {
        // The host's own request log is on (Information), and so is ASP.NET Core's request logging category.
        await using var app = await FunctionApp.StartAsync(environment: new Dictionary<string, string>
        {
            ["AzureFunctionsJobHost__logging__logLevel__default"] = "Information",
            ["AzureFunctionsJobHost__logging__logLevel__Microsoft.AspNetCore"] = "Information",
        });
        var routes = new (string Role, HttpMethod Method, string Path)[]
        {
            (FunctionRoles.Operator, HttpMethod.Get, $"/api/subjects/{IdentityNumber}"),
            (FunctionRoles.Operator, HttpMethod.Get, $"/api/cases/old-age-allowance/{IdentityNumber}/once"),
            (FunctionRoles.Resident, HttpMethod.Post, $"/api/cases/old-age-allowance/{IdentityNumber}/once/intention"),
            (FunctionRoles.Operator, HttpMethod.Post, $"/api/cases/old-age-allowance/{IdentityNumber}/once/account"),
            (FunctionRoles.Enterprise, HttpMethod.Get, $"/api/enterprises/{IdentityNumber}/profile"),
            (FunctionRoles.Enterprise, HttpMethod.Get, $"/api/enterprises/{IdentityNumber}/webhook"),
            (FunctionRoles.Enterprise, HttpMethod.Put, $"/api/enterprises/{IdentityNumber}/opt-outs/all"),
            (FunctionRoles.Operator, HttpMethod.Get, $"/api/enterprises/{IdentityNumber}/notifications/pm-0000"),
            (FunctionRoles.Reviewer, HttpMethod.Get, $"/api/reviews/{IdentityNumber.ToLowerInvariant()}"),
            (FunctionRoles.PolicyAuthor, HttpMethod.Get, $"/api/policies/{IdentityNumber.ToLowerInvariant()}/history"),
        };

        foreach (var (role, method, path) in routes)
        {
            using var client = Client(app, role);
            using var request = new HttpRequestMessage(method, new Uri(path + "?q=" + IdentityNumber, UriKind.Relative)) { Content = Body(new JsonObject()) };
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {body}");
            Assert.Contains("POST /api/subjects/lookup", body, StringComparison.Ordinal);
            Assert.DoesNotContain(IdentityNumber, body, StringComparison.OrdinalIgnoreCase);
        }

        await Task.Delay(500);
        Assert.Contains("answered 400", app.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(IdentityNumber, app.Process.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_DevSigningKeyOutsideDevelopment_RefusesNamingTheKey()
    {
        var (exitCode, output) = await FunctionApp.StartExpectingFailureAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Auth:DevSigningKey", output, StringComparison.Ordinal);
        Assert.Contains("'Production'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevToken_OutsideDevelopment_RefusesAndPrintsNoToken()
    {
        var (exitCode, token, output) = await FunctionApp.RunCommandAsync(["dev-token", "supervisor"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Auth__DevSigningKey"] = FunctionApp.DevSigningKey,
        });

        var (withoutKey, noToken, refusal) = await FunctionApp.RunCommandAsync(["dev-token", "supervisor"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        });

        Assert.Equal((1, 1), (exitCode, withoutKey));
        // Standard output carries the host's own log lines outside Development; what matters is that no token is among them.
        Assert.DoesNotContain("eyJ", token + noToken, StringComparison.Ordinal);
        Assert.Contains("Auth:DevSigningKey", output, StringComparison.Ordinal);
        Assert.Contains("accepted only in the Development environment", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_AsTheReadmeRunsIt_StartsInDevelopmentWithNothingElseSet()
    {
        // `dotnet run --project functions/ServerlessGov.Functions`: the launch profile's variables, no settings, no keys.
        var environment = LaunchProfile.Environment();
        environment["Auth__DevSigningKey"] = string.Empty;

        await using var app = await FunctionApp.StartAsync(environment: environment);

        Assert.Contains("Hosting environment: Development", app.Process.Output, StringComparison.Ordinal);
        Assert.Contains("SandboxBankSubmitPayment: http POST /api/sandbox-bank/v1/payments (function key)", app.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxBank_OutsideDevelopment_IsNotMappedUnlessEnabled()
    {
        var production = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Auth__Authority"] = "https://login.example.test/tenant/v2.0",
        };
        var enabled = new Dictionary<string, string>(production) { ["SandboxBank__Enabled"] = "true" };

        var (_, off, offOutput) = await FunctionApp.RunCommandAsync(["endpoints"], production);
        var (_, on, onOutput) = await FunctionApp.RunCommandAsync(["endpoints"], enabled);

        Assert.DoesNotContain("sandbox-bank", off, StringComparison.Ordinal);
        Assert.Contains("POST /api/payouts/bank-callbacks  (public)", off, StringComparison.Ordinal);
        Assert.Contains("POST /api/sandbox-bank/v1/payments  (function key)", on, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", offOutput + onOutput, StringComparison.Ordinal);
    }

    private static HttpClient Client(FunctionApp app, string role)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new DevTokenIssuer(FunctionApp.DevSigningKey).Issue([role], "r-boundary-test"));
        return client;
    }

    private static StringContent Body(JsonNode json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonObject { ["fact"] = "deceased" };
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["not"] = node };
        }

        return node;
    }
}
