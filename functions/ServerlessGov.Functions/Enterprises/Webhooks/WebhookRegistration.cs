namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>The body of <c>PUT enterprises/{enterpriseId}/webhook</c>.</summary>
/// <param name="Url">An absolute https URL (http only for a loopback host, for local tests).</param>
public sealed record WebhookRegistration(string? Url);
