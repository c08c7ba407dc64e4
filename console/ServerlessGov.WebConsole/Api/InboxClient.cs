namespace ServerlessGov.WebConsole.Api;

/// <summary>The signed-in person's inbox: notices to them and to their roles' shared inboxes.</summary>
public sealed class InboxClient(HttpClient http) : ApiClient(http)
{
    /// <summary>Unread first, then newest first.</summary>
    public Task<List<InboxItem>> ListAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        GetAsync<List<InboxItem>>(Query("inbox", ("limit", limit)), cancellationToken);

    /// <summary>Marks one notice read.</summary>
    public Task<InboxItem> MarkReadAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<InboxItem>(HttpMethod.Post, $"inbox/{Segment(id)}/read", null, cancellationToken: cancellationToken);
}

/// <summary>One notice in an inbox.</summary>
public sealed record InboxItem(string Id, string Recipient, string Template, Dictionary<string, string>? Values, string? Channel, IReadOnlyList<string>? DeliveredBy, DateTimeOffset RecordedAt, DateTimeOffset? ReadAt);
