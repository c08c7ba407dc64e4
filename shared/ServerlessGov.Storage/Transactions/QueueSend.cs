using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Storage.Transactions;

/// <summary>One message a transactional commit sends, with <see cref="IQueue.SendAsync"/>'s delay and time-to-live.</summary>
public sealed record QueueSend(IQueue Queue, BinaryData Body, TimeSpan? VisibilityDelay = null, TimeSpan? TimeToLive = null);
