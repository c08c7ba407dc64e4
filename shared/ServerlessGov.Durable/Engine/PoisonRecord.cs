namespace ServerlessGov.Durable.Engine;

/// <summary>What a poison queue holds: the original message, where it came from and why it was set aside.</summary>
internal sealed record PoisonRecord(string Queue, string MessageId, long DequeueCount, string Reason, string Body);
