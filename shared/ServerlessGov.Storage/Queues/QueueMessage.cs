namespace ServerlessGov.Storage.Queues;

/// <summary>
/// A received message: invisible to other receivers until <see cref="NextVisibleOn"/>. Only its current
/// <see cref="PopReceipt"/> can delete or update it; a later receive issues a new receipt and voids this one.
/// </summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    BinaryData Body,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset NextVisibleOn);
