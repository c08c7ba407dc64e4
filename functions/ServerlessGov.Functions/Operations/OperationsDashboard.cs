using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Operations;

/// <summary>
/// Computes the operators' dashboard and keeps it as a snapshot (table <c>OperationsDashboard</c>): the figures need
/// a scan of the ledger and the review items, so a timer refreshes them every five minutes and a page reads one row.
/// Poison-queue depths are read live on every request.
/// </summary>
public sealed class OperationsDashboard(
    PayoutLedger ledger, BudgetLedger budgets, IPolicyCatalog catalog, PolicyLifecycle policies, DurableTaskClient durable,
    ReviewWorklist worklist, ReviewLadder ladder, IQueueStore queues, ITableStore tables, FunctionCatalog functions, TimeProvider time)
{
    /// <summary>How often the timer refreshes the snapshot.</summary>
    public const string Schedule = "0 */5 * * * *";

    private const string TableName = "OperationsDashboard";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly ITable _table = tables.GetTable(TableName);

    /// <summary>The dashboard: the stored snapshot (computed now when there is none, or when <paramref name="refresh"/>), with live queue depths.</summary>
    /// <exception cref="StorageException">A store failed.</exception>
    public async Task<Dashboard> GetAsync(bool refresh, CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var stored = refresh ? null : await _table.GetAsync("dashboard", "latest", cancellationToken).ConfigureAwait(false);
        var dashboard = stored?.GetString("Json") is { } json && JsonSerializer.Deserialize<Dashboard>(json, Json) is { } read
            ? read
            : await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return dashboard with { PoisonQueues = await PoisonQueuesAsync(cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Computes the figures now and stores them as the snapshot.</summary>
    /// <exception cref="StorageException">A store failed.</exception>
    public async Task<Dashboard> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = BusinessDate.FromInstant(now);
        var month = today.ToString()[..7];
        var paid = new Dictionary<string, (long TodayFen, long MonthFen, long Today, long Month)>(StringComparer.Ordinal);
        var failed = 0;
        var returned = 0;
        var inDoubt = 0;
        var conflicts = 0;
        var problems = new List<PayoutRecord>();
        await foreach (var record in ledger.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (record.State)
            {
                case PayoutState.Settled:
                    var day = BusinessDate.FromInstant(record.InstructedAt ?? record.UpdatedAt).ToString();
                    var figures = paid.GetValueOrDefault(record.Key.PolicyId);
                    if (day == today.ToString())
                    {
                        figures = (figures.TodayFen + record.Amount.Fen, figures.MonthFen, figures.Today + 1, figures.Month);
                    }

                    if (day.StartsWith(month, StringComparison.Ordinal))
                    {
                        figures = (figures.TodayFen, figures.MonthFen + record.Amount.Fen, figures.Today, figures.Month + 1);
                    }

                    paid[record.Key.PolicyId] = figures;
                    break;
                case PayoutState.Failed:
                    failed++;
                    problems.Add(record);
                    break;
                case PayoutState.Returned:
                    returned++;
                    problems.Add(record);
                    break;
                case PayoutState.Conflict:
                    conflicts++;
                    problems.Add(record);
                    break;
                case PayoutState.Sent when record.OutcomeUnknown:
                    inDoubt++;
                    break;
            }
        }

        var summaries = (await policies.ListAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.LatestVersion is not null).ToList();
        var perPolicy = new List<PolicyFigures>();
        foreach (var summary in summaries)
        {
            var published = await catalog.GetAsync(summary.PolicyId, new PolicyVersion(summary.LatestVersion!.Value), cancellationToken).ConfigureAwait(false);
            var run = await LatestRunAsync(summary.PolicyId, cancellationToken).ConfigureAwait(false);
            var money = paid.GetValueOrDefault(summary.PolicyId);
            perPolicy.Add(new PolicyFigures(
                summary.PolicyId,
                published?.Document.Title,
                money.TodayFen,
                money.MonthFen,
                money.Today,
                money.Month,
                published?.Document.BudgetCap?.Fen,
                await budgets.ReservedAsync(summary.PolicyId, cancellationToken).ConfigureAwait(false),
                run?.Evaluated,
                run?.Automatic,
                run?.Review,
                run is { } counts && counts.Automatic + counts.Review > 0 ? counts.Automatic / (double)(counts.Automatic + counts.Review) : null));
        }

        var dashboard = new Dashboard(
            today.ToString(),
            month,
            now,
            perPolicy,
            await ReviewsAsync(now, cancellationToken).ConfigureAwait(false),
            new PaymentProblems(failed, returned, inDoubt, conflicts, problems.OrderByDescending(p => p.UpdatedAt).Take(10).Select(PayoutView.Of).ToList()),
            []);
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _table.UpsertAsync(new TableEntity("dashboard", "latest") { ["Json"] = JsonSerializer.Serialize(dashboard, Json) }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return dashboard;
    }

    private async Task<PolicyRunCounts?> LatestRunAsync(string policyId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? latest = null;
        string? token = null;
        do
        {
            var page = await durable.QueryPageAsync($"run|{policyId}|", 100, token, cancellationToken).ConfigureAwait(false);
            foreach (var run in page.Values.Where(r => r.RuntimeStatus == OrchestrationRuntimeStatus.Completed))
            {
                latest = latest is null || run.CreatedAt > latest.CreatedAt ? run : latest;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return latest?.ReadOutputAs<PolicyRunProgress>()?.Counts;
    }

    private async Task<ReviewFigures> ReviewsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        int open = 0, overdue = 0, decided = 0, onTime = 0;
        var since = now.AddDays(-30);
        await foreach (var item in worklist.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.State != ReviewState.Decided)
            {
                open++;
                overdue += item.Overdue || ladder.Breaches(item, now).Count > 0 ? 1 : 0;
            }
            else if (item.DecidedAt >= since)
            {
                decided++;
                onTime += ladder.BreachedAt(item, ReviewDeadline.Close, now) is null ? 1 : 0;
            }
        }

        return new ReviewFigures(open, overdue, decided, decided == 0 ? null : onTime / (double)decided);
    }

    private async Task<IReadOnlyList<QueueDepth>> PoisonQueuesAsync(CancellationToken cancellationToken)
    {
        var depths = new List<QueueDepth>();
        foreach (var name in functions.Functions.OfType<QueueFunctionDefinition>().Select(f => f.PoisonQueueName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var queue = queues.GetQueue(name);
            await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            depths.Add(new QueueDepth(name, await queue.GetApproximateCountAsync(cancellationToken).ConfigureAwait(false)));
        }

        return depths;
    }
}
