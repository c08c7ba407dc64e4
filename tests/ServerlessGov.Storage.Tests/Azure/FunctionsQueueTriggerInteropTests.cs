using System.Text;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>
/// Messages cross between the app's queue adapter and the Azure Functions queue trigger itself (the host-side
/// extension <c>Microsoft.Azure.WebJobs.Extensions.Storage.Queues</c>, with its default base64 encoding) on one
/// Azurite: a message the app enqueues triggers a function with the same text, and a message a function's queue
/// output binding writes reads back in the app as the same bytes.
/// </summary>
public sealed class FunctionsQueueTriggerInteropTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    private const string Payment = """{"id":"p-7","note":"免申即享 <payout> & 🙂","amountFen":4200}""";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task QueueTrigger_MessageTheAppEnqueued_RunsTheFunctionWithTheSameText()
    {
        await using var functions = await StartFunctionsHostAsync();

        await functions.App.SendAsync(BinaryData.FromString(Payment));

        Assert.Equal(Payment, await EchoFunction.Received.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task QueueOutputBinding_MessageAFunctionWrote_IsReadByTheAppAsTheSameBytes()
    {
        await using var functions = await StartFunctionsHostAsync();

        await functions.App.SendAsync(BinaryData.FromString(Payment));
        var reply = await ReceiveOneAsync(functions.Replies);

        Assert.Equal(Encoding.UTF8.GetBytes("paid:" + Payment), reply.Body.ToArray());
    }

    private async Task<RunningFunctions> StartFunctionsHostAsync()
    {
        var (inQueue, outQueue) = (UniqueNames.Queue("in"), UniqueNames.Queue("out"));
        var app = fixture.Storage.GetQueue(inQueue);
        await app.CreateIfNotExistsAsync();
        EchoFunction.Received = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = new HostBuilder()
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = fixture.Server.ConnectionString,
                ["InQueue"] = inQueue,
                ["OutQueue"] = outQueue,
            }))
            .ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues(queues => queues.MaxPollingInterval = TimeSpan.FromMilliseconds(200)))
            .ConfigureServices(services => services.AddSingleton<ITypeLocator>(new OnlyTypes(typeof(EchoFunction))))
            .Build();
        await host.StartAsync();
        return new RunningFunctions(app, fixture.Storage.GetQueue(outQueue), host);
    }

    private static async Task<QueueMessage> ReceiveOneAsync(IQueue queue)
    {
        using var deadline = new CancellationTokenSource(Wait);
        while (true)
        {
            try
            {
                if ((await queue.ReceiveAsync(cancellationToken: deadline.Token)).SingleOrDefault() is { } message)
                {
                    return message;
                }
            }
            catch (StorageException ex) when (ex.Kind == StorageErrorKind.NotFound)
            {
                // The output binding creates the queue with its first message.
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>A queue-triggered function as Azure Functions would index it: it records the message and answers on another queue.</summary>
    public static class EchoFunction
    {
        public static TaskCompletionSource<string> Received { get; set; } = new();

        [FunctionName("Echo")]
        public static void Run([QueueTrigger("%InQueue%")] string message, [Queue("%OutQueue%")] out string reply)
        {
            Received.TrySetResult(message);
            reply = "paid:" + message;
        }
    }

    /// <summary>The app's queue the function is triggered by, the queue it answers on, and the Functions host, stopped (in-flight functions finish) before it is disposed.</summary>
    private sealed record RunningFunctions(IQueue App, IQueue Replies, IHost Host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            Host.Dispose();
        }
    }

    private sealed class OnlyTypes(params Type[] types) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
