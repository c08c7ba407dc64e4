using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.WebConsole.Tests.Support;

namespace ServerlessGov.WebConsole.Tests.Journeys;

/// <summary>What the console relies on from the API, as another client would see it: limits, own-case scoping, pushed fact changes.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiForTheConsoleTests(ConsoleSession session)
{
    [Fact]
    public async Task ListCases_LimitOutOfRange_Answers400NamingTheField()
    {
        using var client = await session.App.ClientAsync("operator");
        using var response = await client.GetAsync(new Uri("/api/cases?limit=201", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task ListCases_ResidentWithoutSubject_SeesOnlyOwnCases()
    {
        var someone = (await session.App.CasesAsync()).First(c => c.GetProperty("subjectId").GetString()!.StartsWith("r-", StringComparison.Ordinal)).GetProperty("subjectId").GetString();
        var own = await session.App.GetJsonAsync("resident", "/api/cases", someone);
        Assert.NotEmpty(own.GetProperty("items").EnumerateArray());
        Assert.All(own.GetProperty("items").EnumerateArray(), c => Assert.Equal(someone, c.GetProperty("subjectId").GetString()));
    }

    [Fact]
    public async Task PushSubjectChange_RetriedWithTheSameKey_AnswersAlikeAndAMalformedValueIsRefused()
    {
        var subject = (await session.App.CasesAsync()).First(c => c.GetProperty("subjectId").GetString()!.StartsWith("r-", StringComparison.Ordinal)).GetProperty("subjectId").GetString();
        using var client = await session.App.ClientAsync("operator");
        // The district the household registry holds already, said again today: a real change of as-of, no change of eligibility.
        var held = (await session.App.GetJsonAsync("operator", $"/api/subjects/{subject}")).GetProperty("facts").EnumerateArray()
            .First(o => o.GetProperty("fact").GetString() == "household.district" && o.GetProperty("source").GetString() == "hukou").GetProperty("value").GetString();
        var change = new { subjectId = subject, source = "hukou", facts = new[] { new { fact = "household.district", asOf = DateTimeOffset.UtcNow.AddMinutes(-1), value = held } } };
        async Task<JsonElement> PushAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subjects/changes") { Content = JsonContent.Create(change) };
            request.Headers.Add("Idempotency-Key", "console-test-change-0001");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var first = await PushAsync();
        var second = await PushAsync();
        Assert.Equal(["household.district"], first.GetProperty("changedFacts").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["household.district"], second.GetProperty("changedFacts").EnumerateArray().Select(f => f.GetString()));

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/subjects/changes")
        {
            Content = JsonContent.Create(new { subjectId = subject, source = "hukou", facts = new[] { new { fact = "household.size", asOf = DateTimeOffset.UtcNow, value = "many" } } }),
        };
        bad.Headers.Add("Idempotency-Key", "console-test-change-0002");
        using var refused = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("facts[0].value", out _), problem.ToString());
    }
}
