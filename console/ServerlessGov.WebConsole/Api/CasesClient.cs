namespace ServerlessGov.WebConsole.Api;

/// <summary>Cases and allowances: listings, one case's payments and explanation, and what a resident answers or files.</summary>
public sealed class CasesClient(HttpClient http) : ApiClient(http)
{
    public Task<ListPage<CaseView>> ListAsync(string? policyId = null, string? subjectId = null, string? state = null, int? limit = null, string? continuation = null, CancellationToken cancellationToken = default) =>
        GetAsync<ListPage<CaseView>>(Query("cases", ("policyId", policyId), ("subjectId", subjectId), ("state", state), ("limit", limit), ("continuation", continuation)), cancellationToken);

    public Task<ListPage<AllowanceView>> AllowancesAsync(string? policyId = null, string? subjectId = null, string? state = null, int? limit = null, string? continuation = null, CancellationToken cancellationToken = default) =>
        GetAsync<ListPage<AllowanceView>>(Query("allowances", ("policyId", policyId), ("subjectId", subjectId), ("state", state), ("limit", limit), ("continuation", continuation)), cancellationToken);

    public Task<CaseView> GetAsync(string policyId, string subjectId, string period, CancellationToken cancellationToken = default) =>
        GetAsync<CaseView>(Path(policyId, subjectId, period), cancellationToken);

    public Task<List<CasePayment>> PaymentsAsync(string policyId, string subjectId, string period, CancellationToken cancellationToken = default) =>
        GetAsync<List<CasePayment>>(Path(policyId, subjectId, period) + "/payments", cancellationToken);

    public Task<CaseExplanation> ExplainAsync(string policyId, string subjectId, string period, CancellationToken cancellationToken = default) =>
        GetAsync<CaseExplanation>(Path(policyId, subjectId, period) + "/explanation", cancellationToken);

    public Task<CaseView> AnswerIntentionAsync(CaseView view, bool confirmed, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Post, Path(view.PolicyId, view.SubjectId, view.Period) + "/intention", new { confirmed }, cancellationToken: cancellationToken);

    public Task<CaseView> CorrectAccountAsync(CaseView view, string payeeAccount, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Post, Path(view.PolicyId, view.SubjectId, view.Period) + "/account", new { payeeAccount }, cancellationToken: cancellationToken);

    public Task<ObjectionAccepted> ObjectAsync(CaseView view, string statement, IReadOnlyList<string> documents, CancellationToken cancellationToken = default) =>
        SendAsync<ObjectionAccepted>(HttpMethod.Post, "objections",
            new { caseInstanceId = view.CaseId, policyId = view.PolicyId, policyVersion = view.PolicyVersion ?? 1, statement, documents }, cancellationToken: cancellationToken);

    private static string Path(string policyId, string subjectId, string period) => $"cases/{Segment(policyId)}/{Segment(subjectId)}/{Segment(period)}";
}

/// <summary>One page of a listing and the token of the next.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public sealed record CaseView(string CaseId, string PolicyId, string SubjectId, string Period, string Status, string? Stage, string? Outcome, long? AmountFen,
    string? PayeeAccount, string? Detail, string? WaitingFor, DateTimeOffset? AnswerBy, DateTimeOffset? InstructedAt, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt,
    int? PolicyVersion, string? Track)
{
    /// <summary>The stage while running, else the outcome, else the status.</summary>
    public string State => Stage ?? Outcome ?? Status;
}

public sealed record AllowanceView(string AllowanceId, string PolicyId, string SubjectId, string Status, string? Month, string? Stage, string? MonthCaseId,
    string? StoppedOn, string? StopReason, long? RecoverFen, DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt);

public sealed record CasePayment(int Attempt, long AmountFen, string PayeeAccount, string State, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset? InstructedAt, DateTimeOffset UpdatedAt);

public sealed record CaseExplanation(string CaseId, string PolicyId, int PolicyVersion, LocalizedText Title, string JudgedOn, string Outcome, string ExplanationZh, string ExplanationEn,
    IReadOnlyList<FactReading> Facts);

/// <summary>One observation as a person reads it: the fact's name, the value, which source said it and when, and whether it could be used.</summary>
public sealed record FactReading(string Fact, LocalizedText Label, string Value, string Source, LocalizedText? SourceName, DateTimeOffset AsOf, string Status);

public sealed record ObjectionAccepted(string ItemId, string InstanceId);
