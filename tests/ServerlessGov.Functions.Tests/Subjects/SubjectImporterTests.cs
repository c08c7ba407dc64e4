using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Population;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Subjects.SubjectTestData;

namespace ServerlessGov.Functions.Tests.Subjects;

public sealed class SubjectImporterTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private (SubjectImporter Importer, SubjectRegistry Registry, SubjectRecordValidator Validator) NewImporter()
    {
        var (registry, validator) = NewRegistry(fixture.Tables);
        var importer = new SubjectImporter(registry, validator, new ImportJobStore(fixture.Tables, TimeProvider.System), TimeProvider.System, NullLogger<SubjectImporter>.Instance);
        return (importer, registry, validator);
    }

    private static string NewImportId() => "imp-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Ndjson_WithBadRows_KeepsEveryGoodRecordAndListsEachBadOneWithLineFieldAndRule()
    {
        var (importer, registry, validator) = NewImporter();
        var good1 = ResidentId(new DateOnly(1941, 2, 3), 1);
        var good2 = ResidentId(new DateOnly(1990, 6, 7), 2);
        var badCheck = good1[..17] + (good1[17] == '0' ? '1' : '0');
        var lines = new[]
        {
            $$"""{"kind":"resident","id":"{{good1}}","facts":[{"fact":"birth_date","source":"hukou","asOf":"2026-01-01T00:00:00Z","value":"1941-02-03"}]}""",
            $$"""{"kind":"resident","id":"{{badCheck}}","facts":[{"fact":"birth_date","source":"hukou","asOf":"2026-01-01T00:00:00Z","value":"1941-02-03"}]}""",
            "not json at all",
            "",
            $$"""{"kind":"resident","id":"{{good2}}","facts":[{"fact":"household.district","source":"hukou","asOf":"2026-01-01","value":"余杭区"}]}""",
            $$"""{"kind":"resident","id":"{{good2}}","facts":[{"fact":"disability.level","source":"cdpf","asOf":"2026-01-01T00:00:00Z","value":1.5}]}""",
            $$"""{"kind":"resident","id":"{{good2}}","facts":[{"fact":"household.district","source":"nobody","asOf":"2026-01-01T00:00:00Z","value":"余杭区"}]}""",
            $$"""{"kind":"resident","id":"{{good2}}","facts":[{"fact":"deceased","source":"police","asOf":"2999-01-01T00:00:00Z","value":false}]}""",
        };
        var importId = NewImportId();

        var result = await importer.RunAsync(importId, Stream(string.Join('\n', lines)), ImportFormat.Ndjson);

        Assert.Equal((ImportStatus.Completed, 7L, 2L, 5L), (result.Status, result.RecordsRead, result.Accepted, result.Quarantined));
        var quarantine = await importer.Jobs.ReadQuarantineAsync(importId).ToListAsync();
        Assert.Equal(
            [(2L, "id"), (3L, "$"), (6L, "facts[0].value"), (7L, "facts[0].source"), (8L, "facts[0].asOf")],
            quarantine.Select(q => (q.Line, q.Field)));
        Assert.Contains("MOD 11-2", quarantine[0].Rule, StringComparison.Ordinal);
        Assert.Equal("must be a whole number", quarantine[2].Rule);
        Assert.All(quarantine, q => Assert.DoesNotContain(badCheck, q.Rule, StringComparison.Ordinal));
        var first = Valid(validator, good1, "x", Fact("birth_date", "hukou", "2026-01-01T00:00:00Z", "1941-02-03"));
        Assert.NotNull(await registry.GetAsync(first.Id));
    }

    [Fact]
    public async Task Csv_WithBadRows_KeepsGoodObservationsOfTheSameSubject()
    {
        var (importer, registry, validator) = NewImporter();
        var id = ResidentId(new DateOnly(1938, 9, 9), 9);
        var csv = string.Join('\n',
            "kind,id,fact,source,asOf,value",
            $"resident,{id},birth_date,hukou,2026-01-01T00:00:00Z,1938-09-09",
            $"resident,{id},household.district,hukou,2026-01-01T00:00:00Z,余杭",
            $"resident,{id},deceased,police,2026-01-01T00:00:00Z,false",
            $"resident,{id},household.dibao,civil_affairs,2026-01-01T00:00:00Z,\"true\"");
        var importId = NewImportId();

        var result = await importer.RunAsync(importId, Stream(csv), ImportFormat.Csv);

        Assert.Equal((4L, 3L, 1L), (result.RecordsRead, result.Accepted, result.Quarantined));
        var bad = Assert.Single(await importer.Jobs.ReadQuarantineAsync(importId).ToListAsync());
        Assert.Equal((3L, "value"), (bad.Line, bad.Field));
        Assert.StartsWith("must be one of", bad.Rule, StringComparison.Ordinal);
        var subject = Valid(validator, id, "x", Fact("deceased", "police", "2026-01-01T00:00:00Z", false)).Id;
        Assert.Equal(["birth_date", "deceased", "household.dibao"], (await registry.GetAsync(subject))!.Facts.Select(f => f.Fact).Order());
    }

    [Fact]
    public async Task Csv_WithoutTheHeader_FailsNamingTheHeader()
    {
        var (importer, _, _) = NewImporter();

        var result = await importer.RunAsync(NewImportId(), Stream("resident,x,y,z,w,v"), ImportFormat.Csv);

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("kind,id,fact,source,asOf,value", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedPopulation_ImportedTwice_SameRegistryAndNoDuplicateQuarantine()
    {
        var (importer, registry, _) = NewImporter();
        var options = new PopulationOptions { Seed = 7, Residents = 2_000, Enterprises = 300, ReferenceDate = Today };
        using var file = new MemoryStream();
        await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), file);
        var importId = NewImportId();

        file.Position = 0;
        var first = await importer.RunAsync(importId, file, ImportFormat.Ndjson);
        file.Position = 0;
        var second = await importer.RunAsync(NewImportId(), file, ImportFormat.Ndjson);

        Assert.Equal((2_300L, 2_300L, 0L), (first.RecordsRead, first.Accepted, first.Quarantined));
        Assert.Equal(2_300L, second.Accepted);
        var residents = 0;
        for (var shard = 0; shard < registry.ShardCount; shard++)
        {
            residents += await registry.ReadShardAsync(Domain.Dictionary.SubjectKind.Resident, shard).CountAsync();
        }

        Assert.Equal(2_000, residents);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
