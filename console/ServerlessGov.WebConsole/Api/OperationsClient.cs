namespace ServerlessGov.WebConsole.Api;

/// <summary>What operators and auditors read: the dashboard, the payouts, and the reconciliation of the ledger against the bank.</summary>
public sealed class OperationsClient(HttpClient http) : ApiClient(http)
{
    /// <summary>The dashboard's snapshot, or figures computed now when <paramref name="refresh"/>.</summary>
    public Task<Dashboard> DashboardAsync(bool refresh = false, CancellationToken cancellationToken = default) =>
        GetAsync<Dashboard>(Query("operations/dashboard", ("refresh", refresh ? "true" : null)), cancellationToken);

    public Task<ListPage<PayoutView>> PayoutsAsync(string? policyId = null, string? subjectId = null, string? state = null, int? limit = null, string? continuation = null, CancellationToken cancellationToken = default) =>
        GetAsync<ListPage<PayoutView>>(Query("payouts", ("policyId", policyId), ("subjectId", subjectId), ("state", state), ("limit", limit), ("continuation", continuation)), cancellationToken);

    public Task<Reconciliation> ReconciliationAsync(string date, CancellationToken cancellationToken = default) =>
        GetAsync<Reconciliation>(Query("payouts/reconciliation", ("date", date)), cancellationToken);

    /// <summary>The reconciliation of <paramref name="date"/> as CSV text.</summary>
    public async Task<string> ReconciliationCsvAsync(string date, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(Query("payouts/reconciliation.csv", ("date", date)), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException(response.StatusCode, new ApiProblem { Title = response.ReasonPhrase });
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

public sealed record Dashboard(string Today, string Month, DateTimeOffset ComputedAt, IReadOnlyList<PolicyFigures> Policies, ReviewFigures Reviews, PaymentProblems Payments,
    IReadOnlyList<QueueDepth> PoisonQueues);

public sealed record PolicyFigures(string PolicyId, LocalizedText? Title, long PaidTodayFen, long PaidThisMonthFen, long PaymentsToday, long PaymentsThisMonth,
    long? BudgetCapFen, long BudgetReservedFen, long? Evaluated, long? Automatic, long? Review, double? AutomaticShare);

public sealed record ReviewFigures(int Open, int Overdue, int DecidedLast30Days, double? DecidedOnTimeShare);

public sealed record PaymentProblems(int Failed, int Returned, int InDoubt, int Conflicts, IReadOnlyList<PayoutView> Recent);

public sealed record QueueDepth(string Queue, int Messages);

public sealed record PayoutView(string IdempotencyKey, string PolicyId, string SubjectId, string Period, long AmountFen, string PayeeAccount, string State, bool OutcomeUnknown,
    string? Reason, DateTimeOffset CreatedAt, DateTimeOffset? InstructedAt, DateTimeOffset UpdatedAt);

public sealed record Reconciliation(string Date, int Matched, int MissingAtBank, int ExtraAtBank, int AmountDiffers, int StateDiffers, long LedgerTotalFen, long BankTotalFen,
    IReadOnlyList<ReconciliationLine> Lines);

public sealed record ReconciliationLine(string IdempotencyKey, string Result, string? PolicyId, string? Period, long? LedgerAmountFen, long? BankAmountFen, string? LedgerState, string? BankState);
