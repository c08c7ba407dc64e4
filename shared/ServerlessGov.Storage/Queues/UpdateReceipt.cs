namespace ServerlessGov.Storage.Queues;

/// <summary>What an update returns: the new pop receipt (the old one is void) and when the message is visible again.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
