using System.Globalization;
using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Policies;

namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// Finds cases and allowances by policy, by subject and by state, a page at a time, from the durable instances
/// themselves (their ids start with the policy, then the subject: a prefix query reads only what is asked for).
/// </summary>
public sealed class CaseDirectory(DurableTaskClient durable, PolicyLifecycle policies, PayoutLedger ledger)
{
    /// <summary>The most items one page holds.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The most instances one request reads while it looks for a state, before it answers with what it found and a continuation.</summary>
    public const int MaxScannedPerRequest = 2000;

    private const int MaxAttemptsShown = 20;

    /// <summary>
    /// Cases matching the filter, in instance-id order (policy, subject, period). With a subject and no policy, every
    /// policy is asked for that subject's cases and the answer is one page.
    /// </summary>
    public async Task<ListPage<CaseView>> ListCasesAsync(string? policyId, string? subjectId, string? state, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        if (policyId is null && subjectId is not null)
        {
            var all = new List<CaseView>();
            foreach (var policy in await PolicyIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                var page = await ScanAsync($"case|{policy}|{subjectId}|", state, MaxPageSize, null, m => CaseView.Of(m, null), (v, s) => v.IsIn(s), cancellationToken).ConfigureAwait(false);
                all.AddRange(page.Items);
            }

            return new ListPage<CaseView>(all.Take(pageSize).ToList(), null);
        }

        var prefix = policyId is null ? "case|" : subjectId is null ? CaseIds.CasePrefix(policyId) : $"case|{policyId}|{subjectId}|";
        return await ScanAsync(prefix, state, pageSize, continuation, m => CaseView.Of(m, null), (v, s) => v.IsIn(s), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recurring allowances matching the filter, in instance-id order (policy, subject).</summary>
    public async Task<ListPage<AllowanceView>> ListAllowancesAsync(string? policyId, string? subjectId, string? state, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        if (subjectId is not null)
        {
            var found = new List<AllowanceView>();
            foreach (var policy in policyId is null ? await PolicyIdsAsync(cancellationToken).ConfigureAwait(false) : [policyId])
            {
                if (await durable.GetInstanceAsync(CaseIds.Allowance(policy, subjectId), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { Name: AllowanceOrchestration.Name } instance
                    && (state is null || Matches(AllowanceOf(instance), state)))
                {
                    found.Add(AllowanceOf(instance));
                }
            }

            return new ListPage<AllowanceView>(found.Take(pageSize).ToList(), null);
        }

        var prefix = policyId is null ? "allowance|" : $"allowance|{policyId}|";
        return await ScanAsync(prefix, state, pageSize, continuation, AllowanceOf, Matches, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The payments of one case from the ledger: the first attempt, then each one after a failed or returned payment.</summary>
    public async Task<IReadOnlyList<CasePayment>> PaymentsAsync(string policyId, string subjectId, string period, CancellationToken cancellationToken = default)
    {
        var payments = new List<CasePayment>();
        for (var attempt = 0; attempt < MaxAttemptsShown; attempt++)
        {
            var payoutPeriod = attempt == 0 ? period : string.Create(CultureInfo.InvariantCulture, $"{period}-r{attempt}");
            if (await ledger.GetAsync(new PayoutKey(policyId, new SubjectId(subjectId), payoutPeriod), cancellationToken).ConfigureAwait(false) is not { } record)
            {
                break;
            }

            payments.Add(new CasePayment(attempt, record.Amount.Fen, PayeeAccountMask.Mask(record.Payee.Value), record.State.ToString(), record.Reason,
                record.CreatedAt, record.InstructedAt, record.UpdatedAt));
        }

        return payments;
    }

    /// <summary>Every policy that was ever published (retired ones too: their cases remain).</summary>
    public async Task<IReadOnlyList<string>> PolicyIdsAsync(CancellationToken cancellationToken = default) =>
        (await policies.ListAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.LatestVersion is not null).Select(p => p.PolicyId).ToList();

    // Asks for no more instances than the page still has room for, so nothing read is ever skipped by the token.
    private async Task<ListPage<T>> ScanAsync<T>(
        string prefix, string? state, int pageSize, string? continuation, Func<OrchestrationMetadata, T> view, Func<T, string, bool> matches, CancellationToken cancellationToken)
    {
        var items = new List<T>(pageSize);
        var scanned = 0;
        var token = continuation;
        do
        {
            var ask = Math.Min(pageSize - items.Count, MaxScannedPerRequest - scanned);
            var page = await durable.QueryPageAsync(prefix, ask, token, cancellationToken).ConfigureAwait(false);
            scanned += page.Values.Count;
            token = page.ContinuationToken;
            items.AddRange(page.Values.Select(view).Where(item => state is null || matches(item, state)));
        }
        while (token is not null && items.Count < pageSize && scanned < MaxScannedPerRequest);

        return new ListPage<T>(items, token);
    }

    private static AllowanceView AllowanceOf(OrchestrationMetadata instance)
    {
        var parts = instance.InstanceId.Split('|');
        var progress = !instance.IsCompleted && instance.SerializedCustomStatus is not null ? instance.ReadCustomStatusAs<AllowanceProgress>() : null;
        var result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<AllowanceResult?>() : null;
        return new AllowanceView(instance.InstanceId, parts.ElementAtOrDefault(1) ?? "", parts.ElementAtOrDefault(2) ?? "", instance.RuntimeStatus.ToString(),
            progress?.Month, progress?.Stage, progress?.CaseInstanceId, result?.StoppedOn, result?.Reason, result?.RecoverFen, instance.CreatedAt, instance.LastUpdatedAt);
    }

    private static bool Matches(AllowanceView view, string state) =>
        string.Equals(view.Status, state, StringComparison.OrdinalIgnoreCase) || string.Equals(view.Stage, state, StringComparison.OrdinalIgnoreCase);
}
