namespace ServerlessGov.Storage.Queues;

/// <summary>What a send returns: the new message's id, its receipt (valid until first received), and its times.</summary>
public sealed record SendReceipt(
    string MessageId,
    string PopReceipt,
    DateTimeOffset InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset NextVisibleOn);
