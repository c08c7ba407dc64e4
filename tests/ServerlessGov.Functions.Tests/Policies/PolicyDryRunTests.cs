using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Functions.Tests.Subjects;
using static ServerlessGov.Functions.Tests.Policies.RegistryData;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>Dry-runs over real HTTP against a real registry (SQLite) with residents whose outcome is known in advance.</summary>
public sealed class PolicyDryRunTests : IAsyncLifetime
{
    private PolicyTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PolicyTestHost.StartAsync();
        var services = _host.Services;
        await AddResidentAsync(services, new DateOnly(1940, 1, 5), District("余杭区"), Alive());                  // 86: ¥100
        await AddResidentAsync(services, new DateOnly(1930, 2, 1), District("余杭区"), Alive());                  // 96: ¥200
        await AddResidentAsync(services, new DateOnly(1935, 6, 1), District("余杭区"));                           // death status missing
        await AddResidentAsync(services, new DateOnly(1938, 1, 1), District("余杭区"), Alive("2025-12-01T00:00:00Z")); // stale
        await AddResidentAsync(services, new DateOnly(1990, 1, 1), District("余杭区"), Alive());                  // too young
        await AddResidentAsync(services, new DateOnly(1940, 1, 1), District("西湖区"), Alive());                  // 86, other district
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DryRun_OldAgeAllowance_CountsCostsAndExplainsEachOutcome()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.CreateDraftAsync(document);

        var (response, report) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run?samples=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("2026-03-10", "2026-03-01", "2026-03-31", 6L), (
            report.GetProperty("evaluationDate").GetString(), report.GetProperty("periodStart").GetString(),
            report.GetProperty("periodEnd").GetString(), report.GetProperty("subjectsRead").GetInt64()));
        var counts = report.GetProperty("counts");
        Assert.Equal((2, 2, 0, 2), (
            counts.GetProperty("automatic").GetInt32(), counts.GetProperty("review").GetInt32(),
            counts.GetProperty("excluded").GetInt32(), counts.GetProperty("notEligible").GetInt32()));
        var budget = report.GetProperty("budget");
        Assert.Equal((300.00m, 5000000.00m, true, 16666L), (
            budget.GetProperty("costPerPeriod").GetDecimal(), budget.GetProperty("budgetCap").GetDecimal(),
            budget.GetProperty("withinCap").GetBoolean(), budget.GetProperty("periodsCovered").GetInt64()));
        var reasons = report.GetProperty("unknownReasons").EnumerateArray()
            .Select(r => (r.GetProperty("fact").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("source").GetString(), r.GetProperty("cases").GetInt32()))
            .OrderBy(r => r.Item2, StringComparer.Ordinal)
            .ToList();
        Assert.Equal([("deceased", "missing", null, 1), ("deceased", "stale", "police", 1)], reasons);
        var samples = report.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(2, samples.Count(s => s.GetProperty("outcome").GetString() == "automatic"));
        Assert.Contains(samples, s => s.GetProperty("outcome").GetString() == "review" && s.GetProperty("explanationZh").GetString()!.Contains("死亡登记", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.GetProperty("amount").ValueKind == JsonValueKind.Number && s.GetProperty("amount").GetDecimal() == 200.00m);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("difference").ValueKind);
    }

    [Fact]
    public async Task DryRun_DraftWideningThePublishedVersion_ReportsWhoGains()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.PublishAsync(id, await author.CreateDraftAsync(document));
        WidenToXihu(document);

        await author.CreateDraftAsync(document);

        var (_, report) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run");

        Assert.Equal(2, report.GetProperty("version").GetInt32());
        var difference = report.GetProperty("difference");
        Assert.Equal((1, 1, 0, 0, 0), (
            difference.GetProperty("previousVersion").GetInt32(), difference.GetProperty("gain").GetInt32(), difference.GetProperty("lose").GetInt32(),
            difference.GetProperty("amountUp").GetInt32(), difference.GetProperty("amountDown").GetInt32()));
        var sample = difference.GetProperty("samples").EnumerateArray().Single();
        Assert.Equal(("gain", "notSatisfied", "satisfied", 100.00m), (
            sample.GetProperty("change").GetString(), sample.GetProperty("before").GetString(),
            sample.GetProperty("after").GetString(), sample.GetProperty("afterAmount").GetDecimal()));
        Assert.Equal(3, report.GetProperty("counts").GetProperty("automatic").GetInt32());
    }

    [Fact]
    public async Task DryRun_DraftSendingNotEligibleToReview_DifferenceCountsThemAndSamplesSayWhyOthersAreNotEligible()
    {
        using var author = _host.Author();
        await AddResidentAsync(_host.Services, new DateOnly(1936, 3, 1), District("西湖区"));                     // death status missing
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.PublishAsync(id, await author.CreateDraftAsync(document));
        WidenToXihu(document);

        await author.CreateDraftAsync(document);

        var (_, report) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run?samples=5");

        var difference = report.GetProperty("difference");
        Assert.Equal((1, 1, 0), (difference.GetProperty("gain").GetInt32(), difference.GetProperty("toReview").GetInt32(), difference.GetProperty("fromReview").GetInt32()));
        var moved = Assert.Single(difference.GetProperty("samples").EnumerateArray(), s => s.GetProperty("change").GetString() == "toReview");
        Assert.Equal(("notSatisfied", "unknown"), (moved.GetProperty("before").GetString(), moved.GetProperty("after").GetString()));
        var notEligible = report.GetProperty("samples").EnumerateArray().Where(s => s.GetProperty("outcome").GetString() == "notEligible").ToList();
        Assert.Equal(report.GetProperty("counts").GetProperty("notEligible").GetInt32(), notEligible.Count);
        Assert.All(notEligible, s => Assert.StartsWith("You do not qualify", s.GetProperty("explanationEn").GetString(), StringComparison.Ordinal));
        Assert.Contains(notEligible, s => s.GetProperty("explanationZh").GetString()!.Contains("暂不符合", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_OnePerHousehold_PaysOneMemberExcludesTheOtherAndReviewsResidentsWithoutAHouseholdNumber()
    {
        using var author = _host.Author();
        var household = "HH2026000901";
        await AddResidentAsync(_host.Services, new DateOnly(1941, 1, 1), District("余杭区"), Alive(), Household(household));
        await AddResidentAsync(_host.Services, new DateOnly(1942, 1, 1), District("余杭区"), Alive(), Household(household));
        var document = PolicySamples.OldAgeAllowance(out var id);
        document["beneficiaryLimit"] = "onePerHousehold";
        await author.CreateDraftAsync(document);

        var (_, report) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run?samples=10");

        // The two proven residents of the fixture have no household number: whether another member of their household
        // is paid cannot be known, so they go to review, as a run would send them.
        var counts = report.GetProperty("counts");
        Assert.Equal((1, 1, 4), (counts.GetProperty("automatic").GetInt32(), counts.GetProperty("excluded").GetInt32(), counts.GetProperty("review").GetInt32()));
        Assert.Equal(100.00m, report.GetProperty("budget").GetProperty("costPerPeriod").GetDecimal());
        Assert.Contains(report.GetProperty("samples").EnumerateArray(), s => s.GetProperty("excludedBecause").GetString() == "one beneficiary per household");
        Assert.Contains(report.GetProperty("unknownReasons").EnumerateArray(), r => r.GetProperty("fact").GetString() == "household.id" && r.GetProperty("cases").GetInt32() == 2);
    }

    [Fact]
    public async Task DryRun_OnePerCouple_PaysOneSpouseAndCountsTheOtherExcluded()
    {
        using var author = _host.Author();
        var wife = SubjectTestData.ResidentId(new DateOnly(1943, 4, 1), 301);
        var husband = SubjectTestData.ResidentId(new DateOnly(1941, 4, 1), 302);
        await AddResidentAsync(_host.Services, wife, new DateOnly(1943, 4, 1), District("余杭区"), Alive(), Household("HH2026000902"), Married(), Spouse(husband));
        await AddResidentAsync(_host.Services, husband, new DateOnly(1941, 4, 1), District("余杭区"), Alive(), Household("HH2026000902"), Married(), Spouse(wife));
        var document = PolicySamples.OldAgeAllowance(out var id);
        document["beneficiaryLimit"] = "onePerCouple";
        await author.CreateDraftAsync(document);
        await _host.Services.GetRequiredService<SubjectRegistry>().DeclareCoverageAsync(
            [new CoverageDeclaration("civil_affairs", ["marriage.married"], CoverageScope.Everyone, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero))], "dry-run-test");

        var (_, report) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run?samples=10");

        // The fixture's two proven residents are on no marriage record of a complete register: unmarried, each paid.
        var counts = report.GetProperty("counts");
        Assert.Equal((3, 1), (counts.GetProperty("automatic").GetInt32(), counts.GetProperty("excluded").GetInt32()));
        Assert.Contains(report.GetProperty("samples").EnumerateArray(), s => s.GetProperty("excludedBecause").GetString() == "one beneficiary per couple");
        Assert.DoesNotContain(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_DeathRegistryExtractCoversTheDistrict_AbsentResidentsArePaidAndTheExplanationSaysSo()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        await author.CreateDraftAsync(document);
        await _host.Services.GetRequiredService<SubjectRegistry>().DeclareCoverageAsync(
            [new CoverageDeclaration("police", ["deceased"], new CoverageScope("household.district", ["余杭区"]), new DateTimeOffset(2026, 3, 8, 16, 0, 0, TimeSpan.Zero))], "dry-run-test");

        var (_, report) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run?samples=5");

        // The resident with no death record is now proven alive, and the stale "alive" record is refreshed by the fresh
        // extract that does not list a death: both are paid, and no one in 余杭区 is left to review.
        var counts = report.GetProperty("counts");
        Assert.Equal((4, 0), (counts.GetProperty("automatic").GetInt32(), counts.GetProperty("review").GetInt32()));
        Assert.Contains(report.GetProperty("decidedByAbsence").EnumerateArray(), a => a.GetProperty("fact").GetString() == "deceased" && a.GetProperty("source").GetString() == "police");
        Assert.Contains(report.GetProperty("samples").EnumerateArray(), s => s.GetProperty("explanationZh").GetString()!.Contains("公安2026-03-09覆盖余杭区的完整名册中无此记录", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_PolicyEndedBeforeToday_Returns400NamingTheWindow()
    {
        using var author = _host.Author();
        var document = PolicySamples.OldAgeAllowance(out var id);
        document["effective"] = JsonNode.Parse("""{"from": "2026-01-01", "until": "2026-03-31"}""");
        await author.CreateDraftAsync(document);
        _host.Clock.Advance(TimeSpan.FromDays(30));

        var (response, problem) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.effective.until", out _));
    }

    // The next version also pays in 西湖区 (its test case for "another district" moves to 拱墅区).
    private static void WidenToXihu(JsonObject document)
    {
        document["rule"] = "age_on(period_end) >= 80 and household.district in [\"余杭区\", \"西湖区\"] and not deceased";
        foreach (var testCase in document["testCases"]!.AsArray())
        {
            if (testCase!["facts"]!["household.district"]?["value"]?.GetValue<string>() == "西湖区")
            {
                testCase["facts"]!["household.district"]!["value"] = "拱墅区";
            }
        }
    }

    private static RawObservation Household(string number) => SubjectTestData.Fact("household.id", "hukou", "2026-03-01T00:00:00Z", number);

    private static RawObservation Married() => SubjectTestData.Fact("marriage.married", "civil_affairs", "2026-03-01T00:00:00Z", true);

    private static RawObservation Spouse(string residentId) => SubjectTestData.Fact("marriage.spouse", "civil_affairs", "2026-03-01T00:00:00Z", residentId);
}
