using System.Diagnostics;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Queues;

public sealed class QueueWakeTests
{
    [Fact]
    public async Task QueueTrigger_MessageSentInProcessToAnIdleQueue_IsHandledWithoutWaitingOutTheBackoff()
    {
        var handled = new TaskCompletionSource();
        await using var host = await FunctionsTestHost.StartAsync(
            functions => functions.Queue<string>("Wake", "wake-up", (_, _, _) =>
            {
                handled.TrySetResult();
                return Task.CompletedTask;
            }),
            new { version = "2.0", extensions = new { queues = new { maxPollingInterval = "00:01:00" } } });

        // Sixteen idle seconds: the listener is now inside a wait of at least 10 s (100 ms doubling, ±20 %),
        // which would not end until at least 4 s after the send below.
        await Task.Delay(TimeSpan.FromSeconds(16));
        var sent = Stopwatch.StartNew();
        await host.Queues.GetQueue("wake-up").SendAsync(BinaryData.FromString("hello"));
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(3), $"handled {sent.Elapsed} after the send");
    }
}
