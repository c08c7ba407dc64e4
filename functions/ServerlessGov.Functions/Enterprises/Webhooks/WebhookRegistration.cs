namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>The body of <c>PUT enterprises/{enterpriseId}/webhook</c>.</summary>
/// <param name="Url">An absolute https URL whose host resolves to public addresses (http on loopback only with <c>Enterprises:Webhooks:AllowPrivateNetworks</c>, for local development and tests).</param>
public sealed record WebhookRegistration(string? Url);
