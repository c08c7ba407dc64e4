namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>A notification a case sends through the notification port; the key makes a retried send a no-op.</summary>
public sealed record NotifyCommand(string IdempotencyKey, string Recipient, string Template, IReadOnlyDictionary<string, string> Values);
