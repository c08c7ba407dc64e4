namespace ServerlessGov.WebConsole.Api;

/// <summary>An enterprise's own page: its profile and the policies it matches, its notifications, opt-outs and webhook.</summary>
public sealed class EnterprisesClient(HttpClient http) : ApiClient(http)
{
    public Task<EnterpriseProfile> ProfileAsync(string enterpriseId, CancellationToken cancellationToken = default) =>
        GetAsync<EnterpriseProfile>($"enterprises/{Segment(enterpriseId)}/profile", cancellationToken);

    public Task<List<EnterpriseDelivery>> NotificationsAsync(string enterpriseId, CancellationToken cancellationToken = default) =>
        GetAsync<List<EnterpriseDelivery>>($"enterprises/{Segment(enterpriseId)}/notifications", cancellationToken);

    public Task<EnterpriseDelivery> AcknowledgeAsync(string enterpriseId, string eventId, CancellationToken cancellationToken = default) =>
        SendAsync<EnterpriseDelivery>(HttpMethod.Post, $"enterprises/{Segment(enterpriseId)}/notifications/{Segment(eventId)}/acknowledge", null, cancellationToken: cancellationToken);

    public Task<List<string>> OptOutsAsync(string enterpriseId, CancellationToken cancellationToken = default) =>
        GetAsync<List<string>>($"enterprises/{Segment(enterpriseId)}/opt-outs", cancellationToken);

    public Task OptOutAsync(string enterpriseId, string category, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"enterprises/{Segment(enterpriseId)}/opt-outs/{Segment(category)}", cancellationToken: cancellationToken);

    public Task OptInAsync(string enterpriseId, string category, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"enterprises/{Segment(enterpriseId)}/opt-outs/{Segment(category)}", cancellationToken: cancellationToken);

    public async Task<EnterpriseWebhook?> WebhookAsync(string enterpriseId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<EnterpriseWebhook>($"enterprises/{Segment(enterpriseId)}/webhook", cancellationToken);
        }
        catch (ApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<EnterpriseWebhook> RegisterWebhookAsync(string enterpriseId, string url, CancellationToken cancellationToken = default) =>
        SendAsync<EnterpriseWebhook>(HttpMethod.Put, $"enterprises/{Segment(enterpriseId)}/webhook", new { url }, cancellationToken: cancellationToken);

    public Task DeleteWebhookAsync(string enterpriseId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"enterprises/{Segment(enterpriseId)}/webhook", cancellationToken: cancellationToken);
}

public sealed record EnterpriseProfile(string EnterpriseId, string? CreditCode, string EvaluatedOn, FactReading? District, FactReading? Industry, FactReading? SizeClass,
    FactReading? TaxCreditRating, FactReading? Tags, IReadOnlyList<FactReading> Facts, IReadOnlyList<ProfileMatch> Matches);

public sealed record ProfileMatch(string PolicyId, int PolicyVersion, LocalizedText Title, string Eligibility, decimal? AmountYuan, string Period,
    IReadOnlyList<FactToConfirm> FactsToConfirm, string? NotificationId, string? NotificationState);

public sealed record FactToConfirm(string Fact, LocalizedText? Label, string Reason, string? Source, DateTimeOffset? AsOf, IReadOnlyList<string> AuthoritativeSources);

public sealed record EnterpriseDelivery(string EventId, string EnterpriseId, string? PolicyId, int? PolicyVersion, string State, int Attempts, int ReceivedCount, string? Reason,
    DateTimeOffset UpdatedAt, string EventType, string? Destination, string? Outcome);

public sealed record EnterpriseWebhook(string EnterpriseId, string Url, string? Handshake, DateTimeOffset? ValidatedAt);
