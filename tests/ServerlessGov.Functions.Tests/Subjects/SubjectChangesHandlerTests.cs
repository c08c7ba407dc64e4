using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Subjects.SubjectTestData;

namespace ServerlessGov.Functions.Tests.Subjects;

/// <summary>The <c>subject-changes</c> function's idempotency, written once and run on every storage adapter.</summary>
public abstract class SubjectChangesHandlerTests(IStorageAdapterFixture fixture)
{
    private readonly (SubjectRegistry Registry, SubjectRecordValidator Validator) _subjects = NewRegistry(fixture.Tables);

    private SubjectChangesHandler Handler() =>
        new(_subjects.Registry, _subjects.Validator, fixture.Queues, TimeProvider.System, NullLogger<SubjectChangesHandler>.Instance);

    private static SubjectChangeMessage Death(string id, string asOf, bool deceased) =>
        new("resident", id, null, "police", [new SubjectChangeFact("deceased", asOf, JsonSerializer.SerializeToElement(deceased))]);

    [Fact]
    public async Task Handle_NewerThenRepeatedThenOlder_OnlyTheRealChangeIsAppliedAndAnnounced()
    {
        var handler = Handler();
        var id = ResidentId(new DateOnly(1932, 4, 4), Random.Shared.Next(1000));
        var reevaluations = fixture.Queues.GetQueue(SubjectUpdated.QueueName);

        var first = await handler.HandleAsync(Death(id, "2026-02-01T00:00:00Z", false), "m1-" + Guid.NewGuid());
        var death = await handler.HandleAsync(Death(id, "2026-03-01T00:00:00Z", true), "m2-" + Guid.NewGuid());
        var repeated = await handler.HandleAsync(Death(id, "2026-03-01T00:00:00Z", true), "m3-" + Guid.NewGuid());
        var older = await handler.HandleAsync(Death(id, "2026-01-15T00:00:00Z", false), "m4-" + Guid.NewGuid());

        Assert.Equal(["deceased"], first);
        Assert.Equal(["deceased"], death);
        Assert.Empty(repeated);
        Assert.Empty(older);
        var subject = _subjects.Validator.Pseudonyms.IdOf(Domain.Dictionary.SubjectKind.Resident, id);
        var fact = (await _subjects.Registry.GetAsync(subject))!.Facts.Single();
        Assert.True(fact.Value.AsBool);
        var notices = await DrainAsync(reevaluations, subject.Value);
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(["deceased"], n.ChangedFacts));
    }

    [Fact]
    public async Task Handle_SameMessageRedeliveredAfterItsWriteLanded_AnnouncesAgainButChangesNothingElse()
    {
        var handler = Handler();
        var id = ResidentId(new DateOnly(1933, 5, 5), Random.Shared.Next(1000));
        var messageId = "m-" + Guid.NewGuid();

        await handler.HandleAsync(Death(id, "2026-02-01T00:00:00Z", false), messageId);
        var again = await handler.HandleAsync(Death(id, "2026-02-01T00:00:00Z", false), messageId);

        Assert.Equal(["deceased"], again);
        var subject = _subjects.Validator.Pseudonyms.IdOf(Domain.Dictionary.SubjectKind.Resident, id);
        Assert.Single((await _subjects.Registry.GetAsync(subject))!.Facts);
    }

    [Fact]
    public async Task Handle_BadMessages_FailNamingFieldAndRuleWithoutTheNumber()
    {
        var handler = Handler();
        var id = ResidentId(new DateOnly(1934, 6, 6), 1);
        var badId = id[..17] + (id[17] == '0' ? '1' : '0');

        var wrongCheck = await Assert.ThrowsAsync<SubjectChangeRejectedException>(() => handler.HandleAsync(Death(badId, "2026-02-01T00:00:00Z", true), "b1"));
        var wrongType = await Assert.ThrowsAsync<SubjectChangeRejectedException>(() => handler.HandleAsync(
            new SubjectChangeMessage("resident", id, null, "police", [new SubjectChangeFact("deceased", "2026-02-01T00:00:00Z", JsonSerializer.SerializeToElement("yes"))]), "b2"));
        var unknown = await Assert.ThrowsAsync<SubjectChangeRejectedException>(() => handler.HandleAsync(
            new SubjectChangeMessage(null, null, "r-aaaaaaaaaaaaaaaaaaaaaaaaaa", "police", [new SubjectChangeFact("deceased", "2026-02-01T00:00:00Z", JsonSerializer.SerializeToElement(true))]), "b3"));

        Assert.StartsWith("id:", wrongCheck.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(badId, wrongCheck.Message, StringComparison.Ordinal);
        Assert.StartsWith("facts[0].value:", wrongType.Message, StringComparison.Ordinal);
        Assert.StartsWith("subjectId:", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_CoverageMessage_DeclaresTheCompleteExtractAndAnnouncesNoSubject()
    {
        var asOf = new DateTimeOffset(2026, 2, 7, 1, 2, 3, TimeSpan.Zero);
        var message = new SubjectChangeMessage(null, null, null, "cdpf", null)
        {
            Coverage = new SubjectChangeCoverage(["disability.certified"], new SubjectChangeScope("household.district", ["余杭区"]), asOf.ToString("O")),
        };

        var changed = await Handler().HandleAsync(message, "cov-1");

        Assert.Empty(changed);
        var declared = (await _subjects.Registry.GetCoverageAsync()).Declarations.Single(d => d.AsOf == asOf);
        Assert.Equal(("cdpf", new CoverageScope("household.district", ["余杭区"])), (declared.Source, declared.Scope));
    }

    [Fact]
    public async Task Handle_CoverageMessageBreakingARule_FailsNamingTheField()
    {
        var handler = Handler();
        var notComplete = new SubjectChangeMessage(null, null, null, "hrss", null) { Coverage = new SubjectChangeCoverage(["employment.annual_wage"], null, "2026-02-01") };
        var withSubject = new SubjectChangeMessage("resident", ResidentId(new DateOnly(1950, 1, 1), 3), null, "police", null) { Coverage = new SubjectChangeCoverage(["deceased"], null, "2026-02-01") };

        var first = await Assert.ThrowsAsync<SubjectChangeRejectedException>(() => handler.HandleAsync(notComplete, "cov-2"));
        var second = await Assert.ThrowsAsync<SubjectChangeRejectedException>(() => handler.HandleAsync(withSubject, "cov-3"));

        Assert.StartsWith("coverage.facts[0]:", first.Message, StringComparison.Ordinal);
        Assert.StartsWith("coverage:", second.Message, StringComparison.Ordinal);
    }

    private static async Task<List<SubjectUpdated>> DrainAsync(IQueue queue, string subjectId)
    {
        var found = new List<SubjectUpdated>();
        while (true)
        {
            var batch = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(5));
            if (batch.Count == 0)
            {
                return found;
            }

            found.AddRange(batch.Select(m => m.Body.ToObjectFromJson<SubjectUpdated>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!).Where(n => n.SubjectId == subjectId));
        }
    }
}

public sealed class SqliteSubjectChangesHandlerTests(SqliteStorageFixture fixture) : SubjectChangesHandlerTests(fixture), IClassFixture<SqliteStorageFixture>;

public sealed class AzuriteSubjectChangesHandlerTests(AzuriteStorageFixture fixture) : SubjectChangesHandlerTests(fixture), IClassFixture<AzuriteStorageFixture>;
