using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>Deadlines crossed by moving the store's clock rather than by waiting.</summary>
public sealed class SqliteClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReceivedMessage_ReappearsExactlyWhenItsVisibilityEnds()
    {
        await using var store = await ClockedStore.OpenAsync();
        await store.Queue.SendAsync(BinaryData.FromString("x"));
        var first = Assert.Single(await store.Queue.ReceiveAsync(1, TimeSpan.FromMinutes(10)));

        store.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Empty(await store.Queue.ReceiveAsync());
        store.Clock.Advance(TimeSpan.FromTicks(1));
        var second = Assert.Single(await store.Queue.ReceiveAsync());

        Assert.Equal(Start + TimeSpan.FromMinutes(10), first.NextVisibleOn);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(Start, second.InsertedOn);
    }

    [Fact]
    public async Task Message_PastItsTimeToLive_IsNotReceivedPeekedCountedOrDeletable()
    {
        await using var store = await ClockedStore.OpenAsync();
        var sent = await store.Queue.SendAsync(BinaryData.FromString("x"), timeToLive: TimeSpan.FromHours(1));

        store.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(Start + TimeSpan.FromHours(1), sent.ExpiresOn);
        Assert.Empty(await store.Queue.PeekAsync());
        Assert.Equal(0, await store.Queue.GetApproximateCountAsync());
        await Assert.ThrowsAsync<StorageException>(() => store.Queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt));
        Assert.Empty(await store.Queue.ReceiveAsync());
    }

    [Fact]
    public async Task DelayedMessage_BecomesVisibleWhenTheDelayEnds()
    {
        await using var store = await ClockedStore.OpenAsync();
        await store.Queue.SendAsync(BinaryData.FromString("x"), visibilityDelay: TimeSpan.FromDays(7), timeToLive: QueueRules.NoExpiry);

        store.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Empty(await store.Queue.ReceiveAsync());
        store.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(await store.Queue.ReceiveAsync());
    }

    [Fact]
    public async Task NoExpiryMessage_SurvivesYears()
    {
        await using var store = await ClockedStore.OpenAsync();
        await store.Queue.SendAsync(BinaryData.FromString("x"), timeToLive: QueueRules.NoExpiry);

        store.Clock.Advance(TimeSpan.FromDays(3650));

        Assert.Single(await store.Queue.ReceiveAsync());
    }

    [Fact]
    public async Task EntityTimestamp_ComesFromTheStoreClock()
    {
        await using var store = await ClockedStore.OpenAsync();
        var table = store.Store.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();
        await table.AddAsync(new TableEntity("p", "r"));
        store.Clock.Advance(TimeSpan.FromMinutes(5));
        await table.AddAsync(new TableEntity("p", "s"));

        Assert.Equal(Start, (await table.GetAsync("p", "r"))!.Timestamp);
        Assert.Equal(Start.AddMinutes(5), (await table.GetAsync("p", "s"))!.Timestamp);
    }

    /// <summary>A store on a temporary file whose clock the test moves, with one queue created.</summary>
    private sealed class ClockedStore : IAsyncDisposable
    {
        private TemporaryDirectory Files { get; } = new();

        private ClockedStore()
        {
            Store = new SqliteStorage(new SqliteStorageOptions { Path = Files.Path("clock.db") }, Clock);
            Queue = Store.GetQueue(UniqueNames.Queue());
        }

        public ManualTimeProvider Clock { get; } = new(Start);

        public SqliteStorage Store { get; }

        public IQueue Queue { get; }

        public static async Task<ClockedStore> OpenAsync()
        {
            var store = new ClockedStore();
            await store.Queue.CreateIfNotExistsAsync();
            return store;
        }

        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync();
            Files.Dispose();
        }
    }
}
