using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Testing.Apps;
using static ServerlessGov.Functions.Tests.Subjects.SubjectTestData;

namespace ServerlessGov.Functions.Tests.Subjects;

/// <summary>The registry's HTTP functions on the real app process, with development tokens.</summary>
public sealed class SubjectsApiTests
{
    private const string SigningKey = "subjects-api-test-key-0123456789abcdef";

    [Fact]
    public async Task Import_UploadWithABadRow_CompletesListsTheBadLineAndShowsTheSubjectMasked()
    {
        var environment = new Dictionary<string, string> { ["Auth__DevSigningKey"] = SigningKey };
        await using var app = await FunctionApp.StartAsync(environment: environment);
        var token = new DevTokenIssuer(SigningKey).Issue(FunctionRoles.Operator);
        var id = ResidentId(new DateOnly(1939, 10, 1), 123);
        var ndjson = string.Join('\n',
            $$"""{"kind":"resident","id":"{{id}}","facts":[{"fact":"birth_date","source":"hukou","asOf":"2026-01-01T00:00:00Z","value":"1939-10-01"},{"fact":"household.id","source":"hukou","asOf":"2026-01-01T00:00:00Z","value":"H330110000000042"}]}""",
            $$"""{"kind":"resident","id":"{{id}}","facts":[{"fact":"deceased","source":"police","asOf":"2026-01-01T00:00:00Z","value":"no"}]}""");

        using var anonymous = await app.Client.PostAsync(new Uri("/api/subjects/imports", UriKind.Relative), new StringContent(ndjson));
        app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var badFormat = await app.Client.PostAsync(new Uri("/api/subjects/imports?format=xml", UriKind.Relative), new StringContent(ndjson));
        using var started = await app.Client.PostAsync(new Uri("/api/subjects/imports?format=ndjson", UriKind.Relative), new StringContent(ndjson, Encoding.UTF8));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("format", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        var job = await WaitForCompletionAsync(app, location);
        Assert.Equal((1, 1), (job.GetProperty("accepted").GetInt32(), job.GetProperty("quarantined").GetInt32()));
        Assert.Equal(("Completed", "Ndjson"), (job.GetProperty("status").GetString(), job.GetProperty("format").GetString()));

        var quarantine = await app.GetJsonAsync(location + "/quarantine");
        var bad = Assert.Single(quarantine.EnumerateArray());
        Assert.Equal((2, "facts[0].value"), (bad.GetProperty("line").GetInt32(), bad.GetProperty("field").GetString()));

        var subjectId = new Functions.Subjects.Registry.SubjectPseudonyms(Microsoft.Extensions.Options.Options.Create(
            new Functions.Subjects.Registry.SubjectRegistryOptions { PseudonymKey = Functions.Subjects.SubjectsServiceCollectionExtensions.DevelopmentPseudonymKey }))
            .IdOf(Domain.Dictionary.SubjectKind.Resident, id);
        var body = await app.Client.GetStringAsync(new Uri("/api/subjects/" + subjectId.Value, UriKind.Relative));
        Assert.DoesNotContain(id, body, StringComparison.Ordinal);
        Assert.DoesNotContain("H330110000000042", body, StringComparison.Ordinal);
        var subject = JsonDocument.Parse(body).RootElement;
        Assert.Equal(id[..4] + "**********" + id[14..], subject.GetProperty("maskedIdentifier").GetString());
        Assert.Contains(subject.GetProperty("facts").EnumerateArray(), f => f.GetProperty("fact").GetString() == "birth_date" && f.GetProperty("batchId").GetString() == location.Split('/')[^1]);
        Assert.DoesNotContain(id, app.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_IdentityNumberInTheBodyFindsTheSubject_InTheRouteIsRefusedPointingThere()
    {
        var environment = new Dictionary<string, string> { ["Auth__DevSigningKey"] = SigningKey };
        await using var app = await FunctionApp.StartAsync(environment: environment);
        app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new DevTokenIssuer(SigningKey).Issue(FunctionRoles.Operator));
        var id = ResidentId(new DateOnly(1940, 2, 3), 456);
        var ndjson = $$"""{"kind":"resident","id":"{{id}}","facts":[{"fact":"birth_date","source":"hukou","asOf":"2026-01-01T00:00:00Z","value":"1940-02-03"}]}""";
        using var started = await app.Client.PostAsync(new Uri("/api/subjects/imports?format=ndjson", UriKind.Relative), new StringContent(ndjson, Encoding.UTF8));
        await WaitForCompletionAsync(app, started.Headers.Location!.ToString());

        using var inRoute = await app.Client.GetAsync(new Uri("/api/subjects/" + id, UriKind.Relative));
        using var found = await app.Client.PostAsync(new Uri("/api/subjects/lookup", UriKind.Relative), Json($$"""{"kind":"resident","identifier":"{{id}}"}"""));
        using var unknown = await app.Client.PostAsync(new Uri("/api/subjects/lookup", UriKind.Relative), Json($$"""{"kind":"resident","identifier":"{{ResidentId(new DateOnly(1941, 5, 6), 789)}}"}"""));
        using var malformed = await app.Client.PostAsync(new Uri("/api/subjects/lookup", UriKind.Relative), Json("""{"kind":"resident","identifier":"110105194912310021"}"""));

        var refusal = await inRoute.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, inRoute.StatusCode);
        Assert.Contains("POST /api/subjects/lookup", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(id, refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var subject = JsonDocument.Parse(await found.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id[..4] + "**********" + id[14..], subject.GetProperty("maskedIdentifier").GetString());
        using var bySubjectId = await app.Client.GetAsync(new Uri("/api/subjects/" + subject.GetProperty("subjectId").GetString(), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, bySubjectId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain("110105194912310021", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UploadOverTheConfiguredLimit_Answers413NamingTheLimitAndKeepsNoFile()
    {
        var environment = new Dictionary<string, string> { ["Auth__DevSigningKey"] = SigningKey, ["Subjects__MaxImportBytes"] = "4096" };
        await using var app = await FunctionApp.StartAsync(environment: environment);
        app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new DevTokenIssuer(SigningKey).Issue(FunctionRoles.Operator));
        var line = $$"""{"kind":"resident","id":"{{ResidentId(new DateOnly(1940, 2, 3), 1)}}","facts":[]}""";
        var body = string.Join('\n', Enumerable.Repeat(line, 200));

        using var sized = await app.Client.PostAsync(new Uri("/api/subjects/imports", UriKind.Relative), new StringContent(body, Encoding.UTF8));
        using var streamed = await app.Client.PostAsync(new Uri("/api/subjects/imports", UriKind.Relative), new ChunkedContent(Encoding.UTF8.GetBytes(body)));

        foreach (var response in new[] { sized, streamed })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("4096", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var spool = Path.Combine(app.Root, ".data", "imports");
        Assert.True(!Directory.Exists(spool) || Directory.GetFiles(spool).Length == 0, "a spooled file was left behind");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A body sent without a Content-Length (chunked), so only the server's limit while streaming can stop it.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static async Task<JsonElement> WaitForCompletionAsync(FunctionApp app, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await app.GetJsonAsync(location);
            if (job.GetProperty("status").ToString() is "Completed" or "Failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(200);
        }
    }
}
