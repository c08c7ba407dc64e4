using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// The dashboard's functions, declared only as isolated-worker <c>[Function]</c> methods, run on the local runtime in
/// the real app process with today's semantics: the route under the prefix, roles from <c>[RequireRoles]</c>, problem
/// details, and the timer's runOnStartup.
/// </summary>
public sealed class OperationsFunctionsTests
{
    [Fact]
    public async Task Dashboard_DeclaredByAttributes_AnswersByRoleAndTheTimerRanOnStartup()
    {
        await using var app = await FunctionApp.StartAsync();
        var issuer = new DevTokenIssuer(FunctionApp.DevSigningKey);

        using (var anonymous = await app.Client.GetAsync(new Uri("/api/operations/dashboard", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var resident = await GetAsync(app, "/api/operations/dashboard", issuer.Issue(FunctionRoles.Resident)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, resident.StatusCode);
        }

        using (var operatorCall = await GetAsync(app, "/api/operations/dashboard?refresh=true", issuer.Issue(FunctionRoles.Operator)))
        {
            Assert.Equal(HttpStatusCode.OK, operatorCall.StatusCode);
            using var body = JsonDocument.Parse(await operatorCall.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.TryGetProperty("computedAt", out _), "the dashboard carries when it was computed");
            Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("poisonQueues").ValueKind);
        }

        using (var bad = await GetAsync(app, "/api/operations/dashboard?refresh=maybe", issuer.Issue(FunctionRoles.Auditor)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
            Assert.Equal("must be true or false", problem.RootElement.GetProperty("errors").GetProperty("refresh")[0].GetString());
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!app.Process.Output.Contains("Executed 'RefreshOperationsDashboard'", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Contains("RefreshOperationsDashboard: timer schedule: 0 */5 * * * *", app.Process.Output, StringComparison.Ordinal);
        Assert.Contains("Executed 'RefreshOperationsDashboard'", app.Process.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetAsync(FunctionApp app, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.Client.SendAsync(request);
    }
}
