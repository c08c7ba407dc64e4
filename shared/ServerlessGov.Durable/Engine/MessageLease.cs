using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Durable.Engine;

/// <summary>Keeps a received message hidden while a long activity runs, renewing at half its visibility timeout, and tracks the latest pop receipt.</summary>
internal sealed class MessageLease : IDisposable
{
    private readonly IQueue _queue;
    private readonly TimeSpan _visibility;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public MessageLease(IQueue queue, QueueMessage message, TimeSpan visibility, TimeProvider time)
    {
        _queue = queue;
        _visibility = visibility;
        _time = time;
        Current = message;
        _renewing = RenewAsync();
    }

    /// <summary>The message with its newest pop receipt.</summary>
    public QueueMessage Current { get; private set; }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_visibility / 2, _time, _stop.Token).ConfigureAwait(false);
                var receipt = await _queue.UpdateMessageAsync(Current.MessageId, Current.PopReceipt, _visibility, null, _stop.Token).ConfigureAwait(false);
                Current = Current with { PopReceipt = receipt.PopReceipt, NextVisibleOn = receipt.NextVisibleOn };
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the activity finished.
        }
        catch (StorageException)
        {
            // Lost the message (its receipt expired); the activity's result is still sent and deduplicated downstream.
        }
    }
}
