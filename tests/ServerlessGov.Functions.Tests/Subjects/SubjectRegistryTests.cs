using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Subjects.SubjectTestData;

namespace ServerlessGov.Functions.Tests.Subjects;

/// <summary>The registry's storage behaviour, written once and run on every storage adapter.</summary>
public abstract class SubjectRegistryTests(IStorageAdapterFixture fixture)
{
    private readonly (SubjectRegistry Registry, SubjectRecordValidator Validator) _subjects = NewRegistry(fixture.Tables);

    [Fact]
    public async Task Apply_NewResident_ReadBackFromItsShardWithProvenance()
    {
        var (registry, validator) = _subjects;
        var update = Valid(validator, ResidentId(new DateOnly(1940, 5, 1), 11), "batch-1",
            Fact("birth_date", "hukou", "2026-01-10T00:00:00Z", "1940-05-01"),
            Fact("household.district", "hukou", "2026-01-10T00:00:00Z", "余杭区"));

        var changes = await registry.ApplyAsync([update]);

        Assert.Equal(["birth_date", "household.district"], changes.Single().ChangedFacts);
        var shard = SubjectShards.Of(update.Id);
        var record = Assert.Single(await registry.ReadShardAsync(SubjectKind.Resident, shard).Where(r => r.Id == update.Id).ToListAsync());
        Assert.Contains(new FactValue("birth_date", RuleValue.Date(new DateOnly(1940, 5, 1)), "hukou", new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)), record.Facts);
        var stored = await registry.GetStoredAsync(update.Id);
        Assert.All(stored!.Observations, o => Assert.Equal("batch-1", o.BatchId));
    }

    [Fact]
    public async Task Apply_OlderOrRepeatedObservation_ChangesNothing()
    {
        var (registry, validator) = _subjects;
        var id = ResidentId(new DateOnly(1950, 1, 2), 22);
        await registry.ApplyAsync([Valid(validator, id, "b1", Fact("household.dibao", "civil_affairs", "2026-02-01T00:00:00Z", true))]);

        var repeated = await registry.ApplyAsync([Valid(validator, id, "b2", Fact("household.dibao", "civil_affairs", "2026-02-01T00:00:00Z", false))]);
        var older = await registry.ApplyAsync([Valid(validator, id, "b3", Fact("household.dibao", "civil_affairs", "2025-12-01T00:00:00Z", false))]);
        var newer = await registry.ApplyAsync([Valid(validator, id, "b4", Fact("household.dibao", "civil_affairs", "2026-03-01T00:00:00Z", false))]);

        Assert.Empty(repeated.Single().ChangedFacts);
        Assert.Empty(older.Single().ChangedFacts);
        Assert.Equal(["household.dibao"], newer.Single().ChangedFacts);
        var stored = (await registry.GetStoredAsync(newer.Single().Id))!.Observations.Single();
        Assert.Equal((false, "b4"), (stored.Value.AsBool, stored.BatchId));
    }

    [Fact]
    public async Task Apply_TwoAuthoritativeSourcesDisagree_BothStayVisibleAndEvaluationSeesAConflict()
    {
        var (registry, validator) = _subjects;
        var id = ResidentId(new DateOnly(1930, 7, 7), 33);
        var update = Valid(validator, id, "b1",
            Fact("deceased", "police", "2026-02-01T00:00:00Z", false),
            Fact("deceased", "civil_affairs", "2026-02-02T00:00:00Z", true));

        await registry.ApplyAsync([update]);

        var record = await registry.GetAsync(update.Id);
        Assert.Equal(2, record!.Facts.Count(f => f.Fact == "deceased"));
        var facts = new SubjectFacts(registry.Dictionary);
        foreach (var fact in record.Facts)
        {
            facts.Add(fact);
        }

        Assert.NotNull(facts.Get("deceased"));
    }

    [Fact]
    public async Task Apply_ConcurrentWritersOnOneSubject_EveryNewestObservationKept()
    {
        var (registry, validator) = _subjects;
        var id = ResidentId(new DateOnly(1960, 3, 3), 44);
        var facts = new[] { "household.dibao", "disability.certified", "only_child.certified", "orphan.certified", "deceased" };
        var sources = new[] { "civil_affairs", "cdpf", "health", "civil_affairs", "police" };

        await Task.WhenAll(facts.Select((f, i) => registry.ApplyAsync([Valid(validator, id, "b" + i, Fact(f, sources[i], "2026-02-01T00:00:00Z", true))])));

        var stored = await registry.GetAsync(Valid(validator, id, "x", Fact("deceased", "police", "2026-01-01T00:00:00Z", true)).Id);
        Assert.Equal(facts.Order(), stored!.Facts.Select(f => f.Fact).Order());
    }

    [Fact]
    public async Task MaskedIdentifier_IsStoredOnceAndNeverShownInFull()
    {
        var (registry, validator) = _subjects;
        var id = ResidentId(new DateOnly(1945, 12, 24), 55);
        var update = Valid(validator, id, "b1", Fact("birth_date", "hukou", "2026-01-01T00:00:00Z", "1945-12-24"));
        await registry.ApplyAsync([update]);

        var masked = await registry.GetMaskedIdentifierAsync(update.Id);

        Assert.Equal(id[..4] + "**********" + id[14..], masked);
        Assert.DoesNotContain(id, update.Id.Value, StringComparison.Ordinal);
    }
}

public sealed class SqliteSubjectRegistryTests(SqliteStorageFixture fixture) : SubjectRegistryTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class AzuriteSubjectRegistryTests(AzuriteStorageFixture fixture) : SubjectRegistryTests(fixture), IClassFixture<AzuriteStorageFixture>;
