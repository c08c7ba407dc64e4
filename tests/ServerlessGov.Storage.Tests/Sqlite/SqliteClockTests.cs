using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>Deadlines crossed by moving the store's clock rather than by waiting.</summary>
public sealed class SqliteClockTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "serverlessgov-tests", Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly SqliteStorage _store;
    private readonly IQueue _queue;

    public SqliteClockTests()
    {
        _store = new SqliteStorage(new SqliteStorageOptions { Path = Path.Combine(_directory, "clock.db") }, _clock);
        _queue = _store.GetQueue(UniqueNames.Queue());
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ReceivedMessage_ReappearsExactlyWhenItsVisibilityEnds()
    {
        await _queue.CreateIfNotExistsAsync();
        await _queue.SendAsync(BinaryData.FromString("x"));
        var first = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromMinutes(10)));

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Empty(await _queue.ReceiveAsync());
        _clock.Advance(TimeSpan.FromTicks(1));
        var second = Assert.Single(await _queue.ReceiveAsync());

        Assert.Equal(Start + TimeSpan.FromMinutes(10), first.NextVisibleOn);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(Start, second.InsertedOn);
    }

    [Fact]
    public async Task Message_PastItsTimeToLive_IsNotReceivedPeekedCountedOrDeletable()
    {
        await _queue.CreateIfNotExistsAsync();
        var sent = await _queue.SendAsync(BinaryData.FromString("x"), timeToLive: TimeSpan.FromHours(1));

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(Start + TimeSpan.FromHours(1), sent.ExpiresOn);
        Assert.Empty(await _queue.PeekAsync());
        Assert.Equal(0, await _queue.GetApproximateCountAsync());
        await Assert.ThrowsAsync<StorageException>(() => _queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt));
        Assert.Empty(await _queue.ReceiveAsync());
    }

    [Fact]
    public async Task DelayedMessage_BecomesVisibleWhenTheDelayEnds()
    {
        await _queue.CreateIfNotExistsAsync();
        await _queue.SendAsync(BinaryData.FromString("x"), visibilityDelay: TimeSpan.FromDays(7), timeToLive: QueueRules.NoExpiry);

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Empty(await _queue.ReceiveAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(await _queue.ReceiveAsync());
    }

    [Fact]
    public async Task NoExpiryMessage_SurvivesYears()
    {
        await _queue.CreateIfNotExistsAsync();
        await _queue.SendAsync(BinaryData.FromString("x"), timeToLive: QueueRules.NoExpiry);

        _clock.Advance(TimeSpan.FromDays(3650));

        Assert.Single(await _queue.ReceiveAsync());
    }

    [Fact]
    public async Task SendReceipt_DeletesTheMessageUntilItIsReceived()
    {
        await _queue.CreateIfNotExistsAsync();
        var sent = await _queue.SendAsync(BinaryData.FromString("x"));

        await _queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt);

        Assert.Equal(0, await _queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task EntityTimestamp_ComesFromTheStoreClock()
    {
        var table = _store.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();
        await table.AddAsync(new TableEntity("p", "r"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await table.AddAsync(new TableEntity("p", "s"));

        Assert.Equal(Start, (await table.GetAsync("p", "r"))!.Timestamp);
        Assert.Equal(Start.AddMinutes(5), (await table.GetAsync("p", "s"))!.Timestamp);
    }
}
