using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Tests.Support;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Hosting.Tests.Catalog;

/// <summary>
/// A queue function declared as an isolated-worker <c>[QueueTrigger("%setting%")]</c> method keeps host.json
/// <c>extensions.queues</c> on a real Azure queue service (Azurite): the queue named by the setting, the typed body and
/// the trigger's metadata by name, the app's worker serializer, retries after <c>visibilityTimeout</c>, <c>maxDequeueCount</c> tries then <c>&lt;queue&gt;-poison</c>,
/// and the base64 message encoding Azure Functions uses.
/// </summary>
public sealed class AttributeQueueFunctionsTests(AzuriteStorageFixture azurite) : IClassFixture<AzuriteStorageFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task QueueFunction_QueueNamedBySetting_GetsTheTypedBodyAndTheMessageIdThenTheMessageIsDeleted()
    {
        var queueName = UniqueNames.Queue("attr");
        var calls = new PaymentCalls();
        await using var host = await StartAsync(queueName, calls, new { messageEncoding = "base64", maxPollingInterval = "00:00:00.200" });

        var client = await ClientAsync(QueueMessageEncoding.Base64);
        var receipt = await client.GetQueue(queueName).SendAsync(BinaryData.FromString("""{"id":"p-1","amountFen":4200}"""));

        await Eventually.AssertAsync(() => !calls.Received.IsEmpty, Wait, "the function runs");
        var (payment, messageId, _) = Assert.Single(calls.Received);
        Assert.Equal(new Payment("p-1", 4200), payment);
        Assert.Equal(receipt.MessageId, messageId);
        await Eventually.AssertAsync(async () => await host.Queues.GetQueue(queueName).GetApproximateCountAsync() == 0, Wait, "the handled message is deleted");
    }

    [Fact]
    public async Task QueueFunction_AlwaysFailing_IsRetriedAfterTheVisibilityTimeoutThenPoisonedAfterMaxDequeueCountTries()
    {
        var queueName = UniqueNames.Queue("attrfail");
        var calls = new PaymentCalls { Fail = true };
        await using var host = await StartAsync(queueName, calls, new { maxDequeueCount = 2, visibilityTimeout = "00:00:02", maxPollingInterval = "00:00:00.200" });

        var receipt = await host.Queues.GetQueue(queueName).SendAsync(BinaryData.FromString("""{"id":"p-2","amountFen":1}"""));
        var poisonQueue = host.Queues.GetQueue(queueName + "-poison");
        PoisonMessage? poison = null;
        await Eventually.AssertAsync(async () =>
        {
            var peeked = await poisonQueue.PeekAsync(1);
            poison = peeked.Count == 1 ? PoisonMessage.Parse(peeked[0].Body) : null;
            return poison is not null;
        }, Wait, "the message reaches <queue>-poison");

        var tries = calls.Received.ToArray();
        Assert.Equal(2, tries.Length);
        Assert.True(tries[1].At - tries[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {tries[1].At - tries[0].At}");
        Assert.Equal(receipt.MessageId, poison!.MessageId);
        Assert.Equal(2, poison.DequeueCount);
        Assert.Equal("Pay", poison.FunctionName);
        Assert.Contains("System.InvalidOperationException: ledger unavailable", poison.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueFunction_MetadataParameters_AreBoundByNameAsTheWorkerBindsThem()
    {
        var queueName = UniqueNames.Queue("attrmeta");
        var calls = new ReceiptCalls();
        await using var host = await FunctionsTestHost.StartAsync(
            functions => functions.AddFunctionsFrom(typeof(ReceiptFunctions)),
            new { version = "2.0", extensions = new { queues = new { visibilityTimeout = "00:00:01", maxPollingInterval = "00:00:00.200" } } },
            values: new Dictionary<string, string?> { ["PayQueue"] = queueName },
            storageConnection: azurite.Server.ConnectionString,
            services: services => services.AddSingleton(calls));

        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var receipt = await host.Queues.GetQueue(queueName).SendAsync(BinaryData.FromString("""{"id":"p-4","amountFen":7}"""));

        await Eventually.AssertAsync(() => calls.Received.Count == 2, Wait, "the function fails once, then runs again");
        var tries = calls.Received.ToArray();
        Assert.All(tries, t => Assert.Equal(receipt.MessageId, t.Id));
        Assert.Equal([1L, 2L], tries.Select(t => t.DequeueCount));
        Assert.All(tries, t => Assert.InRange(t.InsertionTime, before, DateTimeOffset.UtcNow));
        Assert.All(tries, t => Assert.True(t.ExpirationTime is null || t.ExpirationTime > t.InsertionTime, $"expires {t.ExpirationTime}"));
    }

    [Fact]
    public async Task QueueFunction_AppConfiguresTheWorkersSerializer_TheMessageIsReadWithIt()
    {
        var queueName = UniqueNames.Queue("attrjson");
        var calls = new RefundCalls();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        await using var host = await FunctionsTestHost.StartAsync(
            functions => functions.AddFunctionsFrom(typeof(RefundFunctions)),
            new { version = "2.0", extensions = new { queues = new { maxPollingInterval = "00:00:00.200" } } },
            values: new Dictionary<string, string?> { ["PayQueue"] = queueName },
            storageConnection: azurite.Server.ConnectionString,
            services: services => services.AddSingleton(calls).Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(json)));

        await host.Queues.GetQueue(queueName).SendAsync(BinaryData.FromString("""{"id":"r-1","kind":"Reversal"}"""));

        await Eventually.AssertAsync(() => !calls.Received.IsEmpty, Wait, "the function runs");
        Assert.Equal(new Refund("r-1", RefundKind.Reversal), Assert.Single(calls.Received));
        Assert.Equal(0, await host.Queues.GetQueue(queueName + "-poison").GetApproximateCountAsync());
    }

    [Fact]
    public void QueueFunction_ParameterNamingNoMetadata_StopsTheStartNamingIt()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PayQueue"] = "payments" }).Build();

        var error = Assert.Throws<ArgumentException>(() => new FunctionsBuilder(settings).AddFunctionsFrom(typeof(UnknownMetadataFunctions)));

        Assert.Contains("UnknownMetadataFunctions", error.Message, StringComparison.Ordinal);
        Assert.Contains("'popReceipt'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueFunction_ConnectionNamingAnotherAccount_StopsTheStartNamingIt()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PayQueue"] = "payments" }).Build();

        var error = Assert.Throws<ArgumentException>(() => new FunctionsBuilder(settings).AddFunctionsFrom(typeof(OtherAccountFunctions)));

        Assert.Contains("OtherAccountFunctions", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"LedgerStorage\"", error.Message, StringComparison.Ordinal);
    }

    private Task<FunctionsTestHost> StartAsync(string queueName, PaymentCalls calls, object queues) =>
        FunctionsTestHost.StartAsync(
            functions => functions.AddFunctionsFrom(typeof(PaymentFunctions)),
            new { version = "2.0", extensions = new { queues } },
            values: new Dictionary<string, string?> { ["PayQueue"] = queueName },
            storageConnection: azurite.Server.ConnectionString,
            services: services => services.AddSingleton(calls));

    /// <summary>Another client of the same Azurite account, with its own encoding (what the host's setting must match).</summary>
    private async Task<Storage.Queues.IQueueStore> ClientAsync(QueueMessageEncoding encoding) =>
        await AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(azurite.Server.ConnectionString) with { MessageEncoding = encoding });

    public sealed record Payment(string Id, long AmountFen);

    public sealed class PaymentCalls
    {
        public bool Fail { get; init; }

        public ConcurrentQueue<(Payment Payment, string MessageId, DateTimeOffset At)> Received { get; } = new();
    }

    public sealed class PaymentFunctions(PaymentCalls calls)
    {
        [Function("Pay")]
        public Task PayAsync([QueueTrigger("%PayQueue%")] Payment payment, string id, CancellationToken cancellationToken)
        {
            calls.Received.Enqueue((payment, id, DateTimeOffset.UtcNow));
            return calls.Fail ? throw new InvalidOperationException("ledger unavailable") : Task.CompletedTask;
        }
    }

    public sealed class ReceiptCalls
    {
        public ConcurrentQueue<(string Id, long DequeueCount, DateTimeOffset InsertionTime, DateTimeOffset? ExpirationTime)> Received { get; } = new();
    }

    public sealed class ReceiptFunctions(ReceiptCalls calls)
    {
        [Function("Receipt")]
        public Task ReceiveAsync(
            [QueueTrigger("%PayQueue%")] Payment payment, string id, long dequeueCount, DateTimeOffset insertionTime, DateTimeOffset? expirationTime, CancellationToken cancellationToken)
        {
            calls.Received.Enqueue((id, dequeueCount, insertionTime, expirationTime));
            return dequeueCount == 1 ? throw new InvalidOperationException("first try fails") : Task.CompletedTask;
        }
    }

    public enum RefundKind
    {
        Correction,
        Reversal,
    }

    public sealed record Refund(string Id, RefundKind Kind);

    public sealed class RefundCalls
    {
        public ConcurrentQueue<Refund> Received { get; } = new();
    }

    public sealed class RefundFunctions(RefundCalls calls)
    {
        [Function("Refund")]
        public Task RefundAsync([QueueTrigger("%PayQueue%")] Refund refund)
        {
            calls.Received.Enqueue(refund);
            return Task.CompletedTask;
        }
    }

    public sealed class UnknownMetadataFunctions
    {
        [Function("Pay")]
        public static Task PayAsync([QueueTrigger("%PayQueue%")] Payment payment, string popReceipt) => Task.CompletedTask;
    }

    public sealed class OtherAccountFunctions
    {
        [Function("Pay")]
        public static Task PayAsync([QueueTrigger("%PayQueue%", Connection = "LedgerStorage")] Payment payment) => Task.CompletedTask;
    }
}
