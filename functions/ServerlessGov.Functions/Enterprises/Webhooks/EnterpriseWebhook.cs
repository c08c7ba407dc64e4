namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>An enterprise's own webhook, stored only after it passed Event Grid's validation handshake.</summary>
/// <param name="EnterpriseId">The enterprise's pseudonymous id.</param>
/// <param name="Url">Where its events are POSTed (CloudEvents 1.0, structured mode).</param>
/// <param name="Handshake">Which handshake it passed: <c>cloudevents-options</c> or <c>subscription-validation</c>.</param>
/// <param name="ValidatedAt">When it passed.</param>
public sealed record EnterpriseWebhook(string EnterpriseId, Uri Url, string Handshake, DateTimeOffset ValidatedAt);
