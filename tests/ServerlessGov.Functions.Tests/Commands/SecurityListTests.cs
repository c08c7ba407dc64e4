using System.Text.RegularExpressions;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Commands;

/// <summary>
/// docs/SECURITY.md is the list of who may call what: every endpoint the real app maps (in Development, where the most
/// surfaces exist) has its row there with the same callers, and the page lists no endpoint the app does not have.
/// </summary>
public sealed partial class SecurityListTests
{
    [Fact]
    public async Task SecurityPage_ListsEveryEndpointOfTheAppWithItsCallers_AndNoOther()
    {
        // Development with a development signing key: every surface of the app is mapped, the console's sign-in included.
        var (exitCode, listing, output) = await FunctionApp.RunCommandAsync(["endpoints"], new Dictionary<string, string> { ["Auth__DevSigningKey"] = FunctionApp.DevSigningKey });
        Assert.True(exitCode == 0, output);
        var app = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => ListingLine().Match(line))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups["methods"].Value.Split(',').Select(method => (Endpoint: Endpoint(method, m.Groups["route"].Value), Callers: Callers(m.Groups["callers"].Value))))
            .ToDictionary(e => e.Endpoint, e => e.Callers, StringComparer.Ordinal);
        var page = (await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root, "docs", "SECURITY.md")))
            .SkipWhile(line => line != "## Endpoints and their callers")
            .TakeWhile((line, index) => index == 0 || !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => PageRow().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => Endpoint(m.Groups["method"].Value, m.Groups["route"].Value), m => Callers(m.Groups["callers"].Value), StringComparer.Ordinal);

        Assert.True(app.Count > 40, listing);
        var missing = app.Keys.Where(e => !page.ContainsKey(e)).ToList();
        var extra = page.Keys.Where(e => !app.ContainsKey(e)).ToList();
        var differing = app.Where(e => page.TryGetValue(e.Key, out var callers) && callers != e.Value)
            .Select(e => $"{e.Key}: the app admits '{e.Value}', the page says '{page[e.Key]}'")
            .ToList();
        Assert.True(missing.Count == 0, "Endpoints missing from docs/SECURITY.md: " + string.Join("; ", missing));
        Assert.True(extra.Count == 0, "docs/SECURITY.md lists endpoints the app does not map: " + string.Join("; ", extra));
        Assert.True(differing.Count == 0, string.Join("; ", differing));
    }

    /// <summary>"GET /api/policies/{policyId}/versions/{version:int}" and "GET policies/{policyId}/versions/{version}" name the same endpoint.</summary>
    private static string Endpoint(string method, string route)
    {
        var path = route.StartsWith("/api/", StringComparison.Ordinal) ? route[5..] : route;
        return method.Trim() + " " + RouteConstraint().Replace(path, "}");
    }

    /// <summary>The callers as a sorted set of words: "resident (own), operator" is "operator|resident".</summary>
    private static string Callers(string text) =>
        string.Join('|', text.Replace("roles:", string.Empty, StringComparison.Ordinal).Replace("(own)", string.Empty, StringComparison.Ordinal)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));

    // A line of the endpoints command: "GET,POST /api/x/{id}  (roles: a, b)".
    [GeneratedRegex(@"^(?<methods>[A-Z,]+) (?<route>\S+)\s+\((?<callers>[^)]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex ListingLine();

    // A row of the page's endpoint table: "| `GET policies/{policyId}` | policy-author, supervisor | notes |".
    [GeneratedRegex(@"^\| `(?<method>[A-Z]+) (?<route>[^`]+)` \| (?<callers>[^|]+) \|", RegexOptions.CultureInvariant)]
    private static partial Regex PageRow();

    [GeneratedRegex(@"(:[a-z]+)+\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteConstraint();
}
