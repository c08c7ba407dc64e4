using System.Collections.Concurrent;
using ServerlessGov.Functions.Notifications;

namespace ServerlessGov.Functions.Tests.Notifications;

/// <summary>
/// The test double of an outside channel (an SMS or e-mail provider): it keeps what it was asked to deliver, keyed
/// by delivery id as a provider deduplicates, and fails the first <see cref="FailuresLeft"/> attempts.
/// </summary>
internal sealed class RecordingChannel(NotificationChannel channel) : INotificationChannel
{
    private int _failuresLeft;

    public NotificationChannel Channel => channel;

    public ConcurrentQueue<NotificationDelivery> Attempts { get; } = new();

    public ConcurrentDictionary<string, NotificationDelivery> Delivered { get; } = new();

    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public Task DeliverAsync(NotificationDelivery delivery, CancellationToken cancellationToken = default)
    {
        Attempts.Enqueue(delivery);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new HttpRequestException("The provider did not answer.");
        }

        Delivered.TryAdd(delivery.DeliveryId, delivery);
        return Task.CompletedTask;
    }
}
