using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Population;
using ServerlessGov.Storage.Sqlite;
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
        using var files = new TemporaryDirectory();
        var storage = new SqliteStorage(new SqliteStorageOptions { Path = files.Path("own.db") });
        await using var _ = storage;
        var (registry, validator) = NewRegistry(storage);
        var importer = new SubjectImporter(registry, validator, new ImportJobStore(storage, TimeProvider.System), TimeProvider.System, NullLogger<SubjectImporter>.Instance);
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

    [Fact]
    public async Task Ndjson_CoverageLines_DeclareCompleteExtracts_BadOnesQuarantinedNamingTheField()
    {
        var (importer, registry, _) = NewImporter();
        var id = ResidentId(new DateOnly(1950, 3, 4), 11);
        var lines = new[]
        {
            $$"""{"kind":"resident","id":"{{id}}","facts":[{"fact":"birth_date","source":"hukou","asOf":"2026-01-01T00:00:00Z","value":"1950-03-04"}]}""",
            """{"kind":"coverage","source":"cdpf","facts":["disability.certified"],"scope":{"fact":"household.district","values":["余杭区"]},"asOf":"2026-02-01"}""",
            """{"kind":"coverage","source":"hukou","facts":["household.size"],"asOf":"2026-02-01"}""",
            """{"kind":"coverage","source":"police","facts":["deceased"],"asOf":"2999-01-01"}""",
            """{"kind":"coverage","source":"police","facts":["deceased"],"scope":{"fact":"household.district","values":["余杭"]},"asOf":"2026-02-01"}""",
        };
        var importId = NewImportId();

        var result = await importer.RunAsync(importId, Stream(string.Join('\n', lines)), ImportFormat.Ndjson);

        Assert.Equal((ImportStatus.Completed, 5L, 1L, 1L, 3L), (result.Status, result.RecordsRead, result.Accepted, result.Declared, result.Quarantined));
        var quarantine = await importer.Jobs.ReadQuarantineAsync(importId).ToListAsync();
        Assert.Equal([(3L, "facts[0]"), (4L, "asOf"), (5L, "scope.values[0]")], quarantine.Select(q => (q.Line, q.Field)));
        Assert.Contains("does not list hukou as delivering complete extracts", quarantine[0].Rule, StringComparison.Ordinal);
        Assert.Contains((await registry.GetCoverageAsync()).Declarations, d => d.Source == "cdpf" && d.AsOf == new DateTimeOffset(2026, 1, 31, 16, 0, 0, TimeSpan.Zero)
            && d.Scope == new CoverageScope("household.district", ["余杭区"]));
    }

    [Fact]
    public async Task Csv_CoverageLine_DeclaresTheExtractForItsScope()
    {
        var (importer, registry, _) = NewImporter();
        var csv = string.Join('\n',
            "kind,id,fact,source,asOf,value",
            "coverage,household.district=余杭区;临平区,household.dibao,civil_affairs,2026-02-02T08:00:00Z,",
            "coverage,*,deceased,police,2026-02-02T08:00:00Z,true",
            "coverage,household.district,deceased,police,2026-02-02T08:00:00Z,");

        var result = await importer.RunAsync(NewImportId(), Stream(csv), ImportFormat.Csv);

        Assert.Equal((3L, 0L, 1L, 2L), (result.RecordsRead, result.Accepted, result.Declared, result.Quarantined));
        Assert.Contains((await registry.GetCoverageAsync()).Declarations, d => d.Source == "civil_affairs" && d.Facts.SequenceEqual(["household.dibao"])
            && d.Scope == new CoverageScope("household.district", ["临平区", "余杭区"]) && d.AsOf == new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Ndjson_CoverageLineFirstInALongFile_TakesEffectOnlyOnceEveryRecordIsIn()
    {
        var (importer, registry, _) = NewImporter();
        var asOf = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var lines = new List<string> { $$"""{"kind":"coverage","source":"health","facts":["only_child.certified"],"asOf":"{{asOf:yyyy-MM-ddTHH:mm:ssZ}}"}""" };
        var birth = new DateOnly(1960, 1, 1);
        for (var i = 0; lines.Count <= SubjectImporter.CheckpointEvery + 50; i++)
        {
            lines.Add($$"""{"kind":"resident","id":"{{ResidentId(birth.AddDays(i / 1000), i % 1000)}}","facts":[{"fact":"only_child.certified","source":"health","asOf":"2026-01-01T00:00:00Z","value":true}]}""");
        }

        var atCheckpoint = new CoverageAtCheckpoint(registry, asOf);
        var result = await importer.RunAsync(NewImportId(), Stream(string.Join('\n', lines)), ImportFormat.Ndjson, atCheckpoint);

        // Checkpoints at line 10,000 and after the last line, before the declarations apply: not in force at either.
        Assert.Equal((ImportStatus.Completed, 1L), (result.Status, result.Declared));
        Assert.Equal([false, false], atCheckpoint.Declared);
        Assert.Contains((await registry.GetCoverageAsync()).Declarations, d => d.Source == "health" && d.AsOf == asOf);
    }

    [Fact]
    public async Task Ndjson_HouseholdNumbersInChineseCharacters_AcceptedAndTheMembersShareOneHousehold()
    {
        var (importer, registry, validator) = NewImporter();
        var wife = ResidentId(new DateOnly(1970, 5, 6), 21);
        var husband = ResidentId(new DateOnly(1968, 7, 8), 22);
        var lines = new[]
        {
            $$"""{"kind":"resident","id":"{{wife}}","facts":[{"fact":"household.id","source":"hukou","asOf":"2026-01-01","value":"浙杭余字第000123号"},{"fact":"marriage.spouse","source":"civil_affairs","asOf":"2026-01-01","value":"{{husband}}"}]}""",
            $$"""{"kind":"resident","id":"{{husband}}","facts":[{"fact":"household.id","source":"hukou","asOf":"2026-01-01","value":"浙杭余字第０００１２３号"}]}""",
            $$"""{"kind":"resident","id":"{{husband}}","facts":[{"fact":"household.id","source":"hukou","asOf":"2026-01-02","value":"第123-4号"}]}""",
        };
        var importId = NewImportId();

        var result = await importer.RunAsync(importId, Stream(string.Join('\n', lines)), ImportFormat.Ndjson);

        Assert.Equal((2L, 1L), (result.Accepted, result.Quarantined));
        Assert.Equal((3L, "facts[0].value"), (await importer.Jobs.ReadQuarantineAsync(importId).SingleAsync()) is var q ? (q.Line, q.Field) : default);
        var wifeId = validator.Pseudonyms.IdOf(Domain.Dictionary.SubjectKind.Resident, wife);
        var husbandId = validator.Pseudonyms.IdOf(Domain.Dictionary.SubjectKind.Resident, husband);
        var wifeFacts = (await registry.GetAsync(wifeId))!.Facts;
        var household = wifeFacts.Single(f => f.Fact == "household.id").Value.AsText;
        Assert.Equal(household, (await registry.GetAsync(husbandId))!.Facts.Single(f => f.Fact == "household.id").Value.AsText);
        Assert.Equal(husbandId.Value, wifeFacts.Single(f => f.Fact == "marriage.spouse").Value.AsText);
        Assert.Equal(new[] { husbandId, wifeId }.Order(), (await registry.ReadHouseholdAsync(household).ToListAsync()).Select(r => r.Id).Order());
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>At each checkpoint, whether a declaration of the file is already in force.</summary>
    private sealed class CoverageAtCheckpoint(SubjectRegistry registry, DateTimeOffset asOf) : IProgress<ImportProgress>
    {
        public List<bool> Declared { get; } = [];

        public void Report(ImportProgress value)
        {
            if (value.Status == ImportStatus.Running)
            {
                Declared.Add(registry.GetCoverageAsync().GetAwaiter().GetResult().Declarations.Any(d => d.AsOf == asOf));
            }
        }
    }
}
