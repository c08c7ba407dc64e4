using System.Text.Json;

namespace ServerlessGov.WebConsole.Api;

/// <summary>The policy lifecycle: policies and versions, the draft and its checks, the dry-run, publishing, retiring, the audit trail and the data dictionary.</summary>
public sealed class PoliciesClient(HttpClient http) : ApiClient(http)
{
    public Task<List<PolicySummary>> ListAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<PolicySummary>>("policies", cancellationToken);

    public Task<List<PolicyVersionView>> VersionsAsync(string policyId, CancellationToken cancellationToken = default) =>
        GetAsync<List<PolicyVersionView>>($"policies/{Segment(policyId)}/versions", cancellationToken);

    public Task<PolicyDraftView> DraftAsync(string policyId, CancellationToken cancellationToken = default) =>
        GetAsync<PolicyDraftView>($"policies/{Segment(policyId)}/draft", cancellationToken);

    public Task<PolicyDraftView> CreateDraftAsync(JsonElement document, CancellationToken cancellationToken = default) =>
        SendAsync<PolicyDraftView>(HttpMethod.Post, "policies/drafts", document, cancellationToken: cancellationToken);

    public Task<PolicyDraftView> SaveDraftAsync(string policyId, JsonElement document, string etag, CancellationToken cancellationToken = default) =>
        SendAsync<PolicyDraftView>(HttpMethod.Put, $"policies/{Segment(policyId)}/draft", document, etag, cancellationToken);

    public Task DiscardDraftAsync(string policyId, string etag, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"policies/{Segment(policyId)}/draft", null, etag, cancellationToken);

    /// <summary>Validates the saved draft, running its test cases; a 400 lists each problem.</summary>
    public Task<ValidationReport> ValidateDraftAsync(string policyId, CancellationToken cancellationToken = default) =>
        SendAsync<ValidationReport>(HttpMethod.Post, $"policies/{Segment(policyId)}/draft/validate", null, cancellationToken: cancellationToken);

    public Task<DryRunReport> DryRunAsync(string policyId, int samples = 3, CancellationToken cancellationToken = default) =>
        SendAsync<DryRunReport>(HttpMethod.Post, Query($"policies/{Segment(policyId)}/draft/dry-run", ("samples", samples)), null, cancellationToken: cancellationToken);

    public Task<PolicyVersionView> PublishAsync(string policyId, string etag, CancellationToken cancellationToken = default) =>
        SendAsync<PolicyVersionView>(HttpMethod.Post, $"policies/{Segment(policyId)}/publish", null, etag, cancellationToken);

    public Task<PolicyVersionView> RetireAsync(string policyId, int version, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<PolicyVersionView>(HttpMethod.Post, $"policies/{Segment(policyId)}/versions/{version}/retire", new { reason }, cancellationToken: cancellationToken);

    public Task<PolicyHistory> HistoryAsync(string policyId, CancellationToken cancellationToken = default) =>
        GetAsync<PolicyHistory>($"policies/{Segment(policyId)}/history", cancellationToken);

    public Task<List<DictionaryFact>> DictionaryAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<DictionaryFact>>("dictionary", cancellationToken);
}

public sealed record PolicySummary(string PolicyId, string? TitleZh, string? TitleEn, int? LatestVersion, string? LatestStatus, bool HasDraft);

public sealed record PolicyVersionView(string PolicyId, int Version, string Status, string EffectiveFrom, string? EffectiveUntil, DateTimeOffset PublishedAt, string PublishedBy,
    DateTimeOffset? RetiredAt, string? RetiredBy, string? RetireReason, JsonElement Document);

public sealed record PolicyDraftView(string PolicyId, int Version, string ETag, DateTimeOffset UpdatedAt, string UpdatedBy, JsonElement Document);

public sealed record ValidationReport(bool Valid, int TestCases);

public sealed record PolicyHistory(string PolicyId, bool Intact, IReadOnlyList<PolicyHistoryEntry> Entries);

public sealed record PolicyHistoryEntry(long Sequence, DateTimeOffset At, string Actor, string Role, string Action, string Target, string Hash);

public sealed record DryRunReport(string PolicyId, int Version, string EvaluationDate, string PeriodStart, string PeriodEnd, long SubjectsRead, DryRunCounts Counts,
    DryRunBudget Budget, IReadOnlyList<UnknownReasonCount> UnknownReasons, IReadOnlyList<DryRunSample> Samples, VersionDifference? Difference, IReadOnlyList<string> Notes);

public sealed record DryRunCounts(long Automatic, long Invited, long Review, long Excluded, long NotEligible);

public sealed record DryRunBudget(decimal CostPerPeriod, decimal? BudgetCap, bool? WithinCap, long? PeriodsCovered);

public sealed record UnknownReasonCount(string Fact, string Reason, string? Source, IReadOnlyList<string> AuthoritativeSources, long Cases);

public sealed record DryRunSample(string Subject, string Outcome, decimal? Amount, string ExplanationZh, string ExplanationEn, string? ExcludedBecause);

public sealed record VersionDifference(int PreviousVersion, long Gain, long Lose, long AmountUp, long AmountDown, long ToReview, long FromReview, IReadOnlyList<DifferenceSample> Samples);

public sealed record DifferenceSample(string Subject, string Change, string Before, decimal? BeforeAmount, string After, decimal? AfterAmount);

/// <summary>One fact of the data dictionary, for suggestions in the rule editor.</summary>
public sealed record DictionaryFact(string Name, string Type, string? Unit, string Subject, IReadOnlyList<string> Sources, string Freshness, LocalizedText Label, string Privacy, IReadOnlyList<string> Values);
