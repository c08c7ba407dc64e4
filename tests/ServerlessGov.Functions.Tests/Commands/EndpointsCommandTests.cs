using System.Net;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Commands;

/// <summary>
/// Every HTTP endpoint of the real function app (as <c>Program.cs</c> composes it) is either declared public or
/// refuses callers without credentials: checked with the host's <c>EndpointAudit</c> (the <c>endpoints</c> verb)
/// and by calling each endpoint anonymously on the running app.
/// </summary>
public sealed class EndpointsCommandTests
{
    [Fact]
    public async Task Endpoints_RealApp_NoneIsOpenWithoutBeingDeclaredPublic()
    {
        var (exitCode, listing, output) = await FunctionApp.RunCommandAsync(["endpoints"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("GET /api/health  (public)", listing, StringComparison.Ordinal);
        Assert.Contains("GET /api/ready  (public)", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_EveryEndpointNotDeclaredPublic_RefusesAnAnonymousCaller()
    {
        var (_, listing, _) = await FunctionApp.RunCommandAsync(["endpoints"]);
        var endpoints = ParseListing(listing);
        await using var app = await FunctionApp.StartAsync();

        var answered = new List<string>();
        foreach (var (method, route, callers) in endpoints.Where(e => e.Callers != "public"))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(FillParameters(route), UriKind.Relative));
            using var response = await app.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                answered.Add($"{method} {route} ({callers}) answered {(int)response.StatusCode}");
            }
        }

        Assert.NotEmpty(endpoints);
        Assert.Empty(answered);
    }

    private static List<(string Method, string Route, string Callers)> ParseListing(string listing) =>
        listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                var open = line.LastIndexOf(" (", StringComparison.Ordinal);
                var parts = line[..open].Split(' ', 2, StringSplitOptions.TrimEntries);
                return (Method: parts[0], Route: parts[1], Callers: line[(open + 2)..^1]);
            })
            .SelectMany(e => e.Method.Split(',').Select(m => (Method: m == "*" ? "GET" : m, e.Route, e.Callers)))
            .ToList();

    /// <summary>Route parameters get a harmless value, so the request reaches the endpoint rather than a 404.</summary>
    private static string FillParameters(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, "\\{[^}]+\\}", "1");
}
