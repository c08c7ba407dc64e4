using ServerlessGov.Hosting.Tests.Support;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Hosting.Tests.Queues;

/// <summary>
/// host.json <c>extensions.queues.messageEncoding</c> reaches the Azure queue adapter: bodies go on the wire and are
/// read back as that setting says, so the host interoperates with other clients (other SDKs, tools, Azure Functions)
/// using the same encoding.
/// </summary>
public sealed class QueueMessageEncodingTests(AzuriteStorageFixture azurite) : IClassFixture<AzuriteStorageFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const string PaymentJson = """{"id":"p-7","amountFen":4200}""";

    [Fact]
    public async Task MessageEncodingNone_PlainTextFromAnotherClient_IsReadByTheFunction()
    {
        var queueName = UniqueNames.Queue("plain");
        var handled = new TaskCompletionSource<QueueTriggerTests.Payment>();
        await using var host = await StartAsync("none", queueName, handled);

        await (await ClientAsync(QueueMessageEncoding.None)).GetQueue(queueName).SendAsync(BinaryData.FromString(PaymentJson));

        Assert.Equal(new QueueTriggerTests.Payment("p-7", 4200), await handled.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task MessageEncodingNone_HostSends_PlainTextOnTheWire()
    {
        var otherQueue = UniqueNames.Queue("out");
        await using var host = await StartAsync("none", UniqueNames.Queue("idle"), new TaskCompletionSource<QueueTriggerTests.Payment>());
        var queue = host.Queues.GetQueue(otherQueue);
        await queue.CreateIfNotExistsAsync();

        await queue.SendAsync(BinaryData.FromString(PaymentJson));

        var raw = Assert.Single(await (await ClientAsync(QueueMessageEncoding.None)).GetQueue(otherQueue).PeekAsync());
        Assert.Equal(PaymentJson, raw.Body.ToString());
    }

    [Fact]
    public async Task MessageEncodingBase64_HostSends_Base64OnTheWire_AndReadsBase64FromAnotherClient()
    {
        var queueName = UniqueNames.Queue("b64");
        var otherQueue = UniqueNames.Queue("out");
        var handled = new TaskCompletionSource<QueueTriggerTests.Payment>();
        await using var host = await StartAsync("base64", queueName, handled);
        var queue = host.Queues.GetQueue(otherQueue);
        await queue.CreateIfNotExistsAsync();

        await queue.SendAsync(BinaryData.FromString(PaymentJson));
        await (await ClientAsync(QueueMessageEncoding.Base64)).GetQueue(queueName).SendAsync(BinaryData.FromString(PaymentJson));

        var raw = Assert.Single(await (await ClientAsync(QueueMessageEncoding.None)).GetQueue(otherQueue).PeekAsync());
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(PaymentJson)), raw.Body.ToString());
        Assert.Equal(new QueueTriggerTests.Payment("p-7", 4200), await handled.Task.WaitAsync(Wait));
    }

    /// <summary>Another client of the same Azurite account, with its own encoding (what the host's setting must match).</summary>
    private async Task<IQueueStore> ClientAsync(QueueMessageEncoding encoding) =>
        await AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(azurite.Server.ConnectionString) with { MessageEncoding = encoding });

    private Task<FunctionsTestHost> StartAsync(string messageEncoding, string queueName, TaskCompletionSource<QueueTriggerTests.Payment> handled) =>
        FunctionsTestHost.StartAsync(
            functions => functions.Queue<QueueTriggerTests.Payment>("Pay", queueName, (payment, _, _) =>
            {
                handled.TrySetResult(payment);
                return Task.CompletedTask;
            }),
            new { version = "2.0", extensions = new { queues = new { messageEncoding, maxPollingInterval = "00:00:00.200" } } },
            storageConnection: azurite.Server.ConnectionString);
}
