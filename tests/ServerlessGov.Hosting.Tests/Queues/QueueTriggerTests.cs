using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Tests.Support;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Hosting.Tests.Queues;

/// <summary>Queue-trigger semantics, written once and run against each storage adapter.</summary>
public abstract class QueueTriggerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>The AzureWebJobsStorage connection, or null for the default (a SQLite file per host).</summary>
    protected virtual string? StorageConnection => null;

    [Fact]
    public async Task QueueTrigger_TypedMessage_IsHandledOnceWithItsMetadataAndDeleted()
    {
        var queueName = UniqueNames.Queue("pay");
        var handled = new TaskCompletionSource<(Payment Message, QueueTriggerContext Context)>();
        await using var host = await StartAsync(queueName, (payment, context, _) =>
        {
            handled.TrySetResult((payment, context));
            return Task.CompletedTask;
        });

        var receipt = await host.Queues.GetQueue(queueName).SendAsync(Json(new Payment("p-1", 12_345)));
        var (message, context) = await handled.Task.WaitAsync(Wait);

        Assert.Equal(new Payment("p-1", 12_345), message);
        Assert.Equal(receipt.MessageId, context.MessageId);
        Assert.Equal(1, context.DequeueCount);
        Assert.Equal(receipt.InsertedOn, context.InsertedOn);
        Assert.Equal(queueName, context.QueueName);
        Assert.Equal("Pay", context.FunctionName);
        Assert.False(string.IsNullOrEmpty(context.InvocationId));
        await Eventually.AssertAsync(async () => await host.Queues.GetQueue(queueName).GetApproximateCountAsync() == 0, Wait, "the handled message is deleted");
    }

    [Fact]
    public async Task QueueTrigger_AlwaysFailingMessage_IsTriedMaxDequeueCountTimesThenPoisonedWithReason()
    {
        var queueName = UniqueNames.Queue("fail");
        var attempts = 0;
        await using var host = await StartAsync(queueName, (_, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("ledger unavailable");
        }, new { maxDequeueCount = 3 });

        var body = Json(new Payment("p-2", 100));
        var receipt = await host.Queues.GetQueue(queueName).SendAsync(body);
        var poison = await WaitForPoisonAsync(host, queueName);

        Assert.Equal(3, Volatile.Read(ref attempts));
        Assert.Equal(receipt.MessageId, poison.MessageId);
        Assert.Equal(3, poison.DequeueCount);
        Assert.Equal("Pay", poison.FunctionName);
        Assert.Contains("System.InvalidOperationException: ledger unavailable", poison.Reason, StringComparison.Ordinal);
        Assert.Equal(body.ToString(), poison.GetOriginalBody().ToString());
        // The poison copy is written before the original is deleted, so the source queue empties a moment later.
        await Eventually.AssertAsync(async () => await host.Queues.GetQueue(queueName).GetApproximateCountAsync() == 0, Wait, "the poisoned message leaves its queue");
    }

    [Fact]
    public async Task QueueTrigger_UnreadableMessage_GoesStraightToPoisonWithReasonAndNeverRuns()
    {
        var queueName = UniqueNames.Queue("bad");
        var attempts = 0;
        await using var host = await StartAsync(queueName, (_, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            return Task.CompletedTask;
        });

        await host.Queues.GetQueue(queueName).SendAsync(BinaryData.FromString("{\"id\": \"p-3\", \"amountFen\": \"not a number\"}"));
        var poison = await WaitForPoisonAsync(host, queueName);

        Assert.Equal(0, Volatile.Read(ref attempts));
        Assert.Equal(1, poison.DequeueCount);
        Assert.Contains("could not be read as Payment", poison.Reason, StringComparison.Ordinal);
        Assert.Contains("not a number", poison.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueTrigger_MessageAlreadyReceivedTooOften_GoesToPoisonWithoutRunning()
    {
        var queueName = UniqueNames.Queue("crash");
        var attempts = 0;
        await using var host = await StartAsync(queueName, (_, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            return Task.CompletedTask;
        }, new { maxDequeueCount = 2, maxPollingInterval = "00:00:00.200" }, beforeStart: async services =>
        {
            var queues = services.GetRequiredService<IQueueStore>();
            // Two earlier receives that never finished, as when hosts crash mid-run.
            var q = queues.GetQueue(queueName);
            await q.CreateIfNotExistsAsync();
            await q.SendAsync(Json(new Payment("p-4", 1)));
            for (var i = 0; i < 2; i++)
            {
                var received = Assert.Single(await q.ReceiveAsync(1, TimeSpan.FromMinutes(1)));
                await q.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero);
            }
        });

        var poison = await WaitForPoisonAsync(host, queueName);
        Assert.Equal(0, Volatile.Read(ref attempts));
        Assert.Equal(3, poison.DequeueCount);
        Assert.Contains("more than maxDequeueCount (2)", poison.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueTrigger_FailureWithVisibilityTimeout_RetriesOnlyAfterTheTimeout()
    {
        var queueName = UniqueNames.Queue("retry");
        var attemptTimes = new ConcurrentQueue<DateTimeOffset>();
        await using var host = await StartAsync(queueName, (_, context, _) =>
        {
            attemptTimes.Enqueue(DateTimeOffset.UtcNow);
            return context.DequeueCount == 1 ? throw new InvalidOperationException("first try fails") : Task.CompletedTask;
        }, new { visibilityTimeout = "00:00:02", maxPollingInterval = "00:00:00.200" });

        await host.Queues.GetQueue(queueName).SendAsync(Json(new Payment("p-5", 1)));
        await Eventually.AssertAsync(() => attemptTimes.Count == 2, Wait, "the message is retried");

        var times = attemptTimes.ToArray();
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1.9), $"retried after {times[1] - times[0]}");
        await Eventually.AssertAsync(async () => await host.Queues.GetQueue(queueName).GetApproximateCountAsync() == 0, Wait, "the retried message is deleted");
    }

    [Fact]
    public async Task QueueTrigger_LongRunningMessage_StaysInvisibleBeyondItsTimeoutWhileRenewed()
    {
        var queueName = UniqueNames.Queue("long");
        var runs = 0;
        var running = new TaskCompletionSource();
        await using var host = await StartAsync(queueName, async (_, _, cancellationToken) =>
        {
            Interlocked.Increment(ref runs);
            running.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }, new { runningVisibilityTimeout = "00:00:02", maxPollingInterval = "00:00:00.200" });

        var queue = host.Queues.GetQueue(queueName);
        await queue.SendAsync(Json(new Payment("p-6", 1)));
        await running.Task.WaitAsync(Wait);
        var stolen = 0;
        for (var i = 0; i < 20; i++)
        {
            stolen += (await queue.PeekAsync(1)).Count;
            await Task.Delay(200);
        }

        Assert.Equal(0, stolen);
        await Eventually.AssertAsync(async () => await queue.GetApproximateCountAsync() == 0, Wait, "the message is deleted after the run");
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task QueueTrigger_BatchSizeAndThreshold_BoundHowManyRunAtOnce()
    {
        var queueName = UniqueNames.Queue("batch");
        var current = 0;
        var peak = 0;
        var done = 0;
        await using var host = await StartAsync(queueName, async (_, _, cancellationToken) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(300, cancellationToken);
            Interlocked.Decrement(ref current);
            Interlocked.Increment(ref done);
        }, new { batchSize = 2, newBatchThreshold = 1, maxPollingInterval = "00:00:00.200" });

        var queue = host.Queues.GetQueue(queueName);
        for (var i = 0; i < 10; i++)
        {
            await queue.SendAsync(Json(new Payment($"p-{i}", i)));
        }

        await Eventually.AssertAsync(() => Volatile.Read(ref done) == 10, Wait, "all ten messages are handled");
        Assert.InRange(Volatile.Read(ref peak), 2, 3);
    }

    [Fact]
    public async Task QueueTrigger_HostStopping_LetsTheRunningMessageFinishAndDeletesIt()
    {
        var queueName = UniqueNames.Queue("drain");
        var started = new TaskCompletionSource();
        var finished = false;
        await using var host = await StartAsync(queueName, async (_, _, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            finished = true;
        });

        var queue = host.Queues.GetQueue(queueName);
        await queue.SendAsync(Json(new Payment("p-7", 1)));
        await started.Task.WaitAsync(Wait);
        await host.StopAsync();

        Assert.True(finished);
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task QueueTrigger_RunLongerThanFunctionTimeout_IsCancelledAndPoisonedWithThatReason()
    {
        var queueName = UniqueNames.Queue("slow");
        await using var host = await StartAsync(
            queueName,
            (_, _, cancellationToken) => Task.Delay(TimeSpan.FromSeconds(30), cancellationToken),
            new { maxDequeueCount = 1, maxPollingInterval = "00:00:00.200" },
            functionTimeout: "00:00:01");

        await host.Queues.GetQueue(queueName).SendAsync(Json(new Payment("p-8", 1)));
        var poison = await WaitForPoisonAsync(host, queueName);

        Assert.Contains("ran longer than functionTimeout (00:00:01)", poison.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueTrigger_HostStoppingWithARunStillGoingAtTheDeadline_ReleasesTheMessageAtOnce()
    {
        var queueName = UniqueNames.Queue("abort");
        var started = new TaskCompletionSource();
        await using var host = await StartAsync(queueName, async (_, _, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        }, functionTimeout: "00:00:02");

        var queue = host.Queues.GetQueue(queueName);
        await queue.SendAsync(Json(new Payment("p-9", 1)));
        await started.Task.WaitAsync(Wait);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await host.StopAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"stopped after {stopping.Elapsed}");
        var visible = Assert.Single(await queue.PeekAsync(1));
        Assert.Equal(1, visible.DequeueCount);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static BinaryData Json<T>(T value) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web));

    private static async Task<PoisonMessage> WaitForPoisonAsync(FunctionsTestHost host, string queueName)
    {
        var poisonQueue = host.Queues.GetQueue(queueName + "-poison");
        PoisonMessage? poison = null;
        await Eventually.AssertAsync(async () =>
        {
            var peeked = await poisonQueue.PeekAsync(1);
            poison = peeked.Count == 1 ? PoisonMessage.Parse(peeked[0].Body) : null;
            return poison is not null;
        }, Wait, "the message reaches the poison queue");
        return poison!;
    }

    private Task<FunctionsTestHost> StartAsync(
        string queueName,
        Func<Payment, QueueTriggerContext, CancellationToken, Task> handler,
        object? queues = null,
        Func<IServiceProvider, Task>? beforeStart = null,
        string functionTimeout = "00:05:00") =>
        FunctionsTestHost.StartAsync(
            functions => functions.Queue("Pay", queueName, handler),
            new { version = "2.0", functionTimeout, extensions = new { queues = queues ?? new { maxPollingInterval = "00:00:00.200" } } },
            storageConnection: StorageConnection,
            beforeStart: beforeStart);

    /// <summary>A test message: a payment of an exact amount in fen.</summary>
    public sealed record Payment(string Id, long AmountFen);
}

public sealed class SqliteQueueTriggerTests : QueueTriggerTests;

public sealed class AzuriteQueueTriggerTests(AzuriteStorageFixture azurite) : QueueTriggerTests, IClassFixture<AzuriteStorageFixture>
{
    protected override string? StorageConnection => azurite.Server.ConnectionString;
}
