namespace ServerlessGov.Storage.Queues;

/// <summary>
/// One queue with Azure Queue storage semantics: at-least-once delivery, a visibility timeout per receive, a dequeue
/// count, delayed sends, time-to-live, and pop receipts. A visible message is handed to exactly one receiver per
/// visibility window. Limits are <see cref="QueueRules"/>'s, the same on every adapter. Implementations are thread-safe.
/// </summary>
/// <remarks>Every call but create and delete throws <see cref="StorageException"/> with <see cref="StorageErrorKind.NotFound"/> when the queue does not exist.</remarks>
public interface IQueue
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>Creates the queue; false when it already existed.</summary>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the queue and its messages; false when it did not exist.</summary>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a message, invisible for <paramref name="visibilityDelay"/> (0–7 days, default 0), living for
    /// <paramref name="timeToLive"/> (default 7 days; <see cref="QueueRules.NoExpiry"/> for never).
    /// </summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.TooLarge"/> over <see cref="QueueRules.MaxMessageBytes"/>; <see cref="StorageErrorKind.InvalidInput"/> for an out-of-range delay or time-to-live.</exception>
    Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> (1–32) visible messages, oldest first, hiding each for
    /// <paramref name="visibilityTimeout"/> (1 s–7 days, default 30 s) and raising its dequeue count.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default);

    /// <summary>Looks at up to <paramref name="maxMessages"/> (1–32) visible messages without receiving them.</summary>
    Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.NotFound"/> when the message is gone or the receipt is no longer its current one.</exception>
    Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hides a received message for <paramref name="visibilityTimeout"/> (0–7 days) from now, optionally replacing its
    /// body; returns the new receipt, which voids the old one.
    /// </summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.NotFound"/> when the message is gone or the receipt is no longer its current one.</exception>
    Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default);

    /// <summary>How many messages the queue holds, visible or not (approximate on Azure).</summary>
    Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes every message.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}
