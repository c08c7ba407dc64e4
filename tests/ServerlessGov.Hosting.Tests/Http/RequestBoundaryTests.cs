using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Http;

/// <summary>What the host checks before a function runs: route values against their rules, JSON bodies, and what it logs of a request.</summary>
public sealed class RequestBoundaryTests
{
    [Fact]
    public async Task RouteValue_FiveThousandCharacters_Answers400NamingTheRuleWithoutEchoingIt()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Reviewer));
        var id = new string('a', 5_000);

        var response = await host.Client.GetAsync($"/api/policies/{id}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(SampleApi.PolicyId.Description, problem.RootElement.GetProperty("errors").GetProperty("id")[0].GetString());
        Assert.DoesNotContain("aaaaaaaaaa", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteParameter_WithoutARule_TheAppDoesNotBuild()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => FunctionsTestHost.StartAsync(functions => functions
            .Http("GetThing", "GET", "things/{thingId}", (string thingId) => Results.Ok(), FunctionAuthorization.Public)));

        Assert.Contains("{thingId}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("GetThing", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id": "p-1", "amountFen": 100, "amountFen": 100000}""", "$.amountFen", "appears twice")]
    [InlineData("""{"id": "p-\ud800", "amountFen": 100}""", "$.id", "valid Unicode")]
    [InlineData("""{"id": "p-1", "amountFen": "one hundred"}""", "$.amountFen", "must be an integer")]
    public async Task JsonBody_NotWhatTheFunctionReads_Answers400NamingTheFieldAndTheRuleNeverADotNetType(string json, string field, string rule)
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        var response = await host.Client.PostAsync("/api/payments", Json(json));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        Assert.Contains(rule, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("PaymentRequest", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLog_ValueBreakingItsRule_IsLoggedAsItsNameAndAspNetCoresRawPathLogStaysOff()
    {
        const string identityNumber = "11010519491231002X";
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, hostJson: new
        {
            version = "2.0",
            logging = new { logLevel = new Dictionary<string, string> { ["Microsoft.AspNetCore"] = "Information" } },
        });
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Reviewer));

        await host.Client.GetAsync($"/api/policies/{identityNumber}?q={identityNumber}");
        await host.Client.GetAsync("/api/policies/old-age");

        // The request line is written once the response has gone out.
        await Eventually.AssertAsync(() => host.Logs.Entries.Count(e => e.EventId.Id == 5040) >= 2, TimeSpan.FromSeconds(10), "both requests to be logged");
        var logged = host.Logs.Entries.ToList();
        Assert.DoesNotContain(logged, e => e.Message.Contains(identityNumber, StringComparison.Ordinal));
        Assert.Contains(logged, e => e.EventId.Id == 5040 && e.Message.Contains("GET /api/policies/{id} answered 400", StringComparison.Ordinal));
        Assert.Contains(logged, e => e.EventId.Id == 5040 && e.Message.Contains("GET /api/policies/old-age answered 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DevSigningKeyOutsideDevelopment_FailsNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() => FunctionsTestHost.StartAsync(
            SampleApi.Declare,
            environment: "Production",
            environmentVariables: new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "Data Source=store.db", ["Auth:DevSigningKey"] = FunctionsTestHost.DevSigningKey }));

        Assert.Contains("Auth:DevSigningKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Production", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSettings_OutsideDevelopment_AreNotRead()
    {
        // local.settings.json names the store, a signing key and a function key; outside Development none of it applies.
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() => FunctionsTestHost.StartAsync(
            functions => functions.Http("Published", "GET", "published", () => Results.Ok(), FunctionAuthorization.Public),
            environment: "Production"));

        Assert.Contains("AzureWebJobsStorage", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DevSigningKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_FunctionSwitchedOffByItsSetting_IsNotServed()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, values: new Dictionary<string, string?> { ["AzureWebJobs.Published.Disabled"] = "true" });
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Reviewer));

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/published")).StatusCode);
        Assert.DoesNotContain(host.Services.GetRequiredService<FunctionCatalog>().Functions, f => f.Name == "Published");
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 5041 && e.Message.Contains("Published", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostAddress_WhereTheServerListens_IsTheFunctionsRoot()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var root = await host.Services.GetRequiredService<FunctionsHostAddress>().GetFunctionsRootAsync();

        Assert.Equal(new Uri(host.Client.BaseAddress!, "/api/"), root);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
