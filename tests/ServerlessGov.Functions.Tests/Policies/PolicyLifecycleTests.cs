using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Policies.Views;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>The lifecycle as a library on a real SQLite file: announcements survive a failure after the commit, the catalog, seeding.</summary>
public sealed class PolicyLifecycleTests : IAsyncLifetime
{
    private static readonly PolicyActor Author = new("author-1", "policy-author");
    private readonly SqliteStorageFixture _storage = new();
    private readonly ManualTimeProvider _clock = new(PolicyTestHost.DefaultNow);
    private FailingQueueStore _queues = null!;
    private AuditTrail _audit = null!;
    private PolicyCatalog _catalog = null!;
    private PolicyLifecycle _lifecycle = null!;

    public Task InitializeAsync()
    {
        _queues = new FailingQueueStore(_storage.Queues);
        _audit = new AuditTrail(_storage.Tables, _clock);
        _catalog = new PolicyCatalog(_storage.Tables);
        _lifecycle = new PolicyLifecycle(_storage.Tables, _queues, _audit, _catalog, _clock, NullLoggerFactory.Instance);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public async Task Publish_QueueFailsAfterTheCommit_AnnouncementIsSentByTheNextRelayAndAuditedOnce()
    {
        var document = PolicySamples.OldAgeAllowance(out var id);
        var draft = await _lifecycle.CreateDraftAsync(document.ToJsonString(), Author);
        _queues.Down = true;

        var version = await _lifecycle.PublishAsync(id, draft.ETag, null, Author);
        var queue = _storage.Queues.GetQueue(PolicyPublished.QueueName);
        await queue.CreateIfNotExistsAsync();
        var sentWhileDown = await queue.GetApproximateCountAsync();
        _queues.Down = false;
        var relayed = await _lifecycle.RelayPendingChangesAsync();
        var relayedAgain = await _lifecycle.RelayPendingChangesAsync();

        Assert.Equal(1, version.Version);
        Assert.Equal(0, sentWhileDown);
        Assert.Equal((1, 0), (relayed, relayedAgain));
        var message = JsonDocument.Parse(Assert.Single(await queue.PeekAsync(32)).Body.ToString()).RootElement;
        Assert.Equal((id, 1), (message.GetProperty("policyId").GetString(), message.GetProperty("version").GetInt32()));
        var history = await _lifecycle.ReadHistoryAsync(id);
        Assert.Equal(["policy.draft.created", "policy.published"], history.Entries.Select(e => e.Action));
        Assert.True(history.Intact);
    }

    [Fact]
    public async Task Catalog_NewerAndRetiredVersions_ListsTheNewestEffectiveNonRetiredVersion()
    {
        var document = PolicySamples.OldAgeAllowance(out var id);
        await _lifecycle.PublishAsync(id, (await _lifecycle.CreateDraftAsync(document.ToJsonString(), Author)).ETag, null, Author);
        await _lifecycle.PublishAsync(id, (await _lifecycle.CreateDraftAsync(document.ToJsonString(), Author)).ETag, new PublishRequest(null, new DateOnly(2026, 6, 30)), Author);

        var march = await _catalog.ListEffectiveAsync(new BusinessDate(2026, 3, 10));
        var july = await _catalog.ListEffectiveAsync(new BusinessDate(2026, 7, 1));
        await _lifecycle.RetireAsync(id, 2, "withdrawn", new PolicyActor("supervisor-1", "supervisor"));
        var marchAfterRetire = await _catalog.ListEffectiveAsync(new BusinessDate(2026, 3, 10));

        Assert.Equal(2, march.Single(p => p.Document.Id == id).Document.Version.Number);
        Assert.Equal(1, july.Single(p => p.Document.Id == id).Document.Version.Number);
        Assert.Equal(1, marchAfterRetire.Single(p => p.Document.Id == id).Document.Version.Number);
        var v2 = await _catalog.GetAsync(id, new PolicyVersion(2));
        Assert.NotNull(v2!.RetiredAt);
        Assert.Null(await _catalog.GetAsync(id, new PolicyVersion(3)));
    }

    [Fact]
    public async Task PublishSamples_CalledTwice_PublishesTheTwelveSamplesOnce()
    {
        var first = await _lifecycle.PublishSamplesAsync(PolicyActor.System);
        var second = await _lifecycle.PublishSamplesAsync(PolicyActor.System);

        Assert.Equal(12, first.Count);
        Assert.All(first, v => Assert.Equal(1, v.Version));
        Assert.Empty(second);
        var effective = await _catalog.ListEffectiveAsync(BusinessDate.Today(_clock));
        Assert.Equal(12, effective.Count);
        Assert.All(effective, p => Assert.Equal("system", p.PublishedBy));
    }
}
