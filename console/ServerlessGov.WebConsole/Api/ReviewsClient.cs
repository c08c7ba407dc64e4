namespace ServerlessGov.WebConsole.Api;

/// <summary>The review worklist: items, their SLA clocks, the actions on them, and the SLA report.</summary>
public sealed class ReviewsClient(HttpClient http) : ApiClient(http)
{
    /// <summary>The worklist, most urgent first: <paramref name="limit"/> items after the first <paramref name="offset"/>; only the overdue ones (or only the others) when <paramref name="overdue"/> is set.</summary>
    public Task<List<ReviewItemView>> ListAsync(
        string? state = null, string? assignee = null, bool? overdue = null, int? offset = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<List<ReviewItemView>>(
            Query("reviews", ("state", state), ("assignee", assignee), ("overdue", overdue is { } o ? (o ? "true" : "false") : null), ("offset", offset), ("limit", limit)),
            cancellationToken);

    public Task<ReviewItemView> GetAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<ReviewItemView>($"reviews/{Segment(id)}", cancellationToken);

    public Task<ReviewItemView> ClaimAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewItemView>(HttpMethod.Post, $"reviews/{Segment(id)}/claim", null, cancellationToken: cancellationToken);

    public Task<ReviewItemView> AssignAsync(string id, string assignee, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewItemView>(HttpMethod.Post, $"reviews/{Segment(id)}/assign", new { assignee }, cancellationToken: cancellationToken);

    public Task<ReviewItemView> StartAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewItemView>(HttpMethod.Post, $"reviews/{Segment(id)}/start", null, cancellationToken: cancellationToken);

    public Task<ReviewItemView> AskForEvidenceAsync(string id, IReadOnlyList<string> items, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewItemView>(HttpMethod.Post, $"reviews/{Segment(id)}/evidence-requests", new { items }, cancellationToken: cancellationToken);

    public Task<ReviewItemView> DecideAsync(string id, bool approved, string reason, string version, CancellationToken cancellationToken = default) =>
        SendAsync<ReviewItemView>(HttpMethod.Post, $"reviews/{Segment(id)}/decision", new { approved, reason }, "\"" + version + "\"", cancellationToken);

    /// <summary>SLA compliance per ISO week (Beijing dates), the last <paramref name="weeks"/> weeks.</summary>
    public Task<List<WeeklySlaRow>> WeeklyAsync(int weeks = 8, CancellationToken cancellationToken = default) =>
        GetAsync<List<WeeklySlaRow>>(Query("reviews/report/weekly", ("weeks", weeks)), cancellationToken);
}

/// <summary>An item as the worklist shows it, with its deadlines and how far its SLA clocks have run.</summary>
public sealed record ReviewItemView(ReviewItem Item, string Version, DateTimeOffset? SignDueAt, DateTimeOffset? CloseDueAt, SlaClockView? SignClock = null, SlaClockView? CloseClock = null);

/// <summary>How much of a deadline's target is used (working time where the clock counts working time) and the rung reached.</summary>
public sealed record SlaClockView(double Used, string Level);

/// <summary>One thing a reviewer must decide.</summary>
public sealed record ReviewItem(
    string Id,
    string CaseInstanceId,
    string PolicyId,
    int PolicyVersion,
    string SubjectId,
    string Kind,
    IReadOnlyList<UnknownReason> Reasons,
    IReadOnlyList<string>? EvidenceRequested,
    IReadOnlyList<string>? Documents,
    string? Statement,
    string Priority,
    string? UrgentBecause,
    string Group,
    string Department,
    string State,
    string? Assignee,
    DateTimeOffset OpenedAt,
    DateTimeOffset? SignedAt,
    DateTimeOffset? DecidedAt,
    bool? Approved,
    string? DecisionReason,
    string? DecidedBy,
    bool Overdue,
    int Revision);

/// <summary>Why the data could not decide a clause: a fact missing, stale, conflicting or from a source that cannot settle it.</summary>
public sealed record UnknownReason(string Kind, string Subject, string? Source, DateTimeOffset? AsOf, string? ConflictingSource);

/// <summary>One ISO week of review items: how many opened, how many decided on time, and the deadlines missed.</summary>
public sealed record WeeklySlaRow(string Week, string From, int Items, int Decided, double? DecidedOnTimeShare, int Breaches);
