namespace ServerlessGov.Storage.Queues;

/// <summary>A message seen without receiving it: visibility unchanged, no pop receipt, dequeue count not raised.</summary>
public sealed record PeekedMessage(
    string MessageId,
    BinaryData Body,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset? ExpiresOn);
