using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Functions.Tests.Support;
using ServerlessGov.Population;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>
/// The end-to-end path, on each store: import a generated population, draft a sample policy, dry-run it,
/// publish it, and read the audit trail, all through the app's real HTTP API with real tokens.
/// </summary>
public abstract class PolicyEndToEndTests
{
    private const int Residents = 1500;

    /// <summary>True when the store is shared with other tests (Azurite), so the registry may hold their subjects too.</summary>
    protected abstract bool SharedStore { get; }

    private protected abstract Task<PolicyTestHost> StartHostAsync();

    [Fact]
    public async Task GeneratedPopulation_DraftDryRunPublish_AuditTrailRecordsEveryStep()
    {
        await using var host = await StartHostAsync();
        var today = BusinessDate.Today(host.Clock);
        var imported = await ImportPopulationAsync(host, today);
        using var author = host.Author("author-e2e");
        using var auditor = host.Auditor("auditor-e2e");
        var document = PolicySamples.OldAgeAllowance(out var id);

        var etag = await author.CreateDraftAsync(document);
        var (dryRunResponse, report) = await author.SendAsync(HttpMethod.Post, $"/api/policies/{id}/draft/dry-run?samples=3");
        var version = await author.PublishAsync(id, etag);
        var (historyResponse, history) = await auditor.SendAsync(HttpMethod.Get, $"/api/policies/{id}/history");

        Assert.Equal(Residents, imported.Accepted);
        Assert.Equal(HttpStatusCode.OK, dryRunResponse.StatusCode);
        var read = report.GetProperty("subjectsRead").GetInt64();
        var counts = report.GetProperty("counts");
        var automatic = counts.GetProperty("automatic").GetInt64();
        var review = counts.GetProperty("review").GetInt64();
        Assert.Equal(read, automatic + review + counts.GetProperty("excluded").GetInt64() + counts.GetProperty("notEligible").GetInt64());
        if (SharedStore)
        {
            Assert.True(read >= Residents, $"read {read} subjects, imported {Residents}");
        }
        else
        {
            Assert.Equal(Residents, read);
        }

        Assert.True(automatic > 0, report.ToString());
        Assert.True(review > 0, "the generated population has gaps and stale facts, so some of the elderly must go to review: " + report);
        var reasons = report.GetProperty("unknownReasons").EnumerateArray().ToList();
        Assert.True(reasons.Sum(r => r.GetProperty("cases").GetInt64()) >= review, "every review case names at least one reason");
        Assert.All(reasons, r => Assert.InRange(r.GetProperty("cases").GetInt64(), 1, review));
        Assert.All(reasons, r => Assert.NotEmpty(r.GetProperty("authoritativeSources").EnumerateArray()));
        Assert.True(report.GetProperty("budget").GetProperty("costPerPeriod").GetDecimal() > 0m);
        Assert.Contains(report.GetProperty("samples").EnumerateArray(), s => s.GetProperty("outcome").GetString() == "review");

        Assert.Equal(1, version.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, historyResponse.StatusCode);
        Assert.True(history.GetProperty("intact").GetBoolean());
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["policy.draft.created", "policy.published"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("author-e2e", e.GetProperty("actor").GetString()));
        Assert.Equal(JsonValueKind.Object, entries[1].GetProperty("after").GetProperty("document").ValueKind);
        var effective = await host.Services.GetRequiredService<IPolicyCatalog>().ListEffectiveAsync(today);
        Assert.Contains(effective, p => p.Document.Id == id);
    }

    private static async Task<ImportProgress> ImportPopulationAsync(PolicyTestHost host, BusinessDate today)
    {
        var options = new PopulationOptions { Seed = 20260310, Residents = Residents, Enterprises = 0, ReferenceDate = today.Date };
        using var file = new MemoryStream();
        await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), file);
        await PopulationWriter.WriteExtractsNdjsonAsync(PopulationGenerator.Extracts(options), file);
        file.Position = 0;
        var importer = host.Services.GetRequiredService<SubjectImporter>();
        var result = await importer.RunAsync("e2e-" + Guid.NewGuid().ToString("N")[..12], file, ImportFormat.Ndjson);
        Assert.Equal(ImportStatus.Completed, result.Status);
        return result;
    }
}

/// <summary>The end-to-end path on the embedded SQLite store.</summary>
public sealed class SqlitePolicyEndToEndTests : PolicyEndToEndTests
{
    protected override bool SharedStore => false;

    private protected override Task<PolicyTestHost> StartHostAsync() => PolicyTestHost.StartAsync();
}

/// <summary>The end-to-end path on Azure Storage (a real Azurite), through the hand-written REST adapter.</summary>
[Collection(SharesAzuriteAppQueues.Name)]
public sealed class AzuritePolicyEndToEndTests : PolicyEndToEndTests
{
    protected override bool SharedStore => true;

    private protected override async Task<PolicyTestHost> StartHostAsync()
    {
        var azurite = await AzuriteServer.GetAsync();
        return await PolicyTestHost.StartAsync(azurite.ConnectionString);
    }
}
