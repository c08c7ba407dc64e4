using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.ChaosWorker;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.SandboxBank;
using Xunit.Abstractions;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The issue's proof that exactly-once holds: thousands of cases on one SQLite store worked by three real worker
/// processes that are killed at random moments and restarted, while a share of queue messages is delivered twice and
/// the bank leaves a share of submissions unanswered. Afterwards every case is at rest, the ledger holds exactly the
/// payments the rules call for (recomputed with the domain engine alone), and the bank holds exactly one payment for
/// each. Run alone: <c>dotnet test tests/ServerlessGov.Functions.Tests --filter FullyQualifiedName~ChaosTests</c>;
/// set <c>CHAOS_KILL_SEED</c> to replay the kill moments of a failed run.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    /// <summary>The workload and faults (sized to finish within about two minutes on two cores; docs/PAYOUTS.md).</summary>
    private static readonly ChaosScenario Scenario = new(
        Seed: 7,
        Residents: 2_000,
        Enterprises: 200,
        Workers: 3,
        Kills: 5,
        KillWindow: TimeSpan.FromSeconds(30),
        DuplicateShare: 0.05,
        BankTimeoutShare: 0.10);

    private static readonly TimeSpan RestTimeout = TimeSpan.FromMinutes(4);

    /// <summary>What a chaos worker prints, with the queue's name, for each message it delivers twice.</summary>
    private const string DuplicateMarker = "chaos: delivered twice on ";

    [Fact]
    public async Task PolicyRuns_WorkersKilledMessagesDuplicatedBankTimingOut_EveryCaseRestsAndEveryPaymentIsMadeExactlyOnce()
    {
        var killSeed = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_KILL_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next();
        var clock = Stopwatch.StartNew();
        var log = new StringBuilder();
        void Note(string line)
        {
            var text = $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {line}";
            log.AppendLine(text);
            output.WriteLine(text);
        }

        Note($"scenario {Scenario}, kill seed {killSeed} (replay with CHAOS_KILL_SEED={killSeed})");
        // Every process of the run shares one clock set to about noon in Asia/Shanghai, so the runs, the daily sweep
        // and the recomputation all decide on one business date whenever the test runs.
        var shifted = new ShiftedTimeProvider(ShiftedTimeProvider.ToReach(TimeSpan.FromHours(12)));
        await using var cluster = await ChaosCluster.CreateAsync(Scenario, shifted);
        var today = BusinessDate.Today(shifted);
        var imported = await cluster.ImportAsync(Scenario, today);
        Note($"imported {imported} subjects");
        var expected = await ChaosRecomputation.ComputeAsync(cluster.Registry, today);
        Note($"the rules call for {expected.Payments.Count} payments ({expected.Payments.Sum(p => p.AmountFen) / 100m:N2} yuan) and {expected.Reviews.Count} reviews");

        await Task.WhenAll(cluster.Workers.Select(w => w.StartAsync()));
        Note("workers up");
        await cluster.PublishSamplesAsync();
        Note("twelve sample policies published");
        var kills = KillAtRandomMomentsAsync(cluster, new Random(killSeed), Note);
        var rest = await WaitForRestAsync(cluster, expected, Note);
        await kills;
        var failures = new List<string>();
        if (!rest.AtRest)
        {
            failures.Add($"Not at rest after {RestTimeout.TotalMinutes:0} min: {rest.Detail}");
        }

        var ledger = new List<PayoutRecord>();
        await foreach (var record in cluster.Ledger.ReadAllAsync())
        {
            ledger.Add(record);
        }

        var bank = await cluster.Bank.ReadAllAsync();
        if (rest.RunDate is { } runDate && runDate != today)
        {
            failures.Add($"The runs are dated {runDate}, the recomputation {today}: the processes disagree on the business date.");
        }

        CheckLedgerAndBank(ledger, bank, failures);
        CheckAgainstTheRules(expected, ledger, failures);
        CheckCasesAgainstTheRules(expected, ledger, rest.Cases, failures);
        var duplicatedOn = cluster.Workers.SelectMany(w => w.Output.Split('\n'))
            .Where(l => l.StartsWith(DuplicateMarker, StringComparison.Ordinal))
            .GroupBy(l => l[DuplicateMarker.Length..].Trim())
            .ToDictionary(g => g.Key, g => g.Count());
        var duplicated = duplicatedOn.Values.Sum();
        Note("delivered twice: " + string.Join(", ", duplicatedOn.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value}")));
        var timedOut = ledger.Count(r => SandboxBankRules.WillTimeOut(new SandboxBankOptions { TimeoutShare = Scenario.BankTimeoutShare }, r.IdempotencyKey));
        Note($"at rest: {rest.Detail}; ledger {ledger.Count} payments, {ledger.Sum(r => r.Amount.Fen) / 100m:N2} yuan; bank {bank.Count} payments, "
            + $"{timedOut} of them left unanswered at first; {cluster.Workers.Sum(w => w.Kills)} kills, {duplicated} messages delivered twice, "
            + $"{bank.Count(b => b.Requests > 1)} bank payments submitted more than once, {ledger.Count(r => r.Submissions > 1)} ledger records with more than one submission");

        Assert.True(cluster.Workers.Sum(w => w.Kills) == Scenario.Kills, $"Only {cluster.Workers.Sum(w => w.Kills)} of {Scenario.Kills} kills happened.\n{log}");
        Assert.True(duplicatedOn.Keys.Any(q => q.Contains("-control-", StringComparison.Ordinal)) && duplicatedOn.Keys.Any(q => q.EndsWith("-workitems", StringComparison.Ordinal)),
            $"The durable engine's messages were not delivered twice: the fault hook did not act.\n{log}");
        Assert.True(timedOut > 0, $"The bank played no timeout.\n{log}");
        Assert.True(failures.Count == 0, $"{failures.Count} problems (kill seed {killSeed}):\n{string.Join('\n', failures.Take(40))}\n{log}");
    }

    // Kills a random worker at random moments within the kill window, restarting it each time on the same port.
    private static async Task KillAtRandomMomentsAsync(ChaosCluster cluster, Random random, Action<string> note)
    {
        var window = (int)Scenario.KillWindow.TotalMilliseconds;
        var moments = Enumerable.Range(0, Scenario.Kills).Select(_ => random.Next(1_000, window)).Order().ToList();
        var started = Stopwatch.StartNew();
        foreach (var moment in moments)
        {
            var wait = TimeSpan.FromMilliseconds(moment) - started.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var victim = cluster.Workers[random.Next(cluster.Workers.Count)];
            await victim.KillAsync();
            note($"killed {victim.Name}");
            await victim.StartAsync();
            note($"restarted {victim.Name}");
        }
    }

    private static async Task<RestState> WaitForRestAsync(ChaosCluster cluster, ChaosExpectation expected, Action<string> note)
    {
        var deadline = Stopwatch.StartNew();
        RestState state;
        var lastNote = TimeSpan.Zero;
        while (true)
        {
            state = await TakeRestStateAsync(cluster, expected);
            if (state.AtRest || deadline.Elapsed > RestTimeout)
            {
                return state;
            }

            if (deadline.Elapsed - lastNote > TimeSpan.FromSeconds(10))
            {
                lastNote = deadline.Elapsed;
                note(state.Detail);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    // At rest: all twelve runs completed, at least the expected number of cases opened, and every case either ended
    // or waiting for a person (a reviewer, a budget raise), every allowance watching its month or stopped; no run,
    // case, review or allowance failed.
    private static async Task<RestState> TakeRestStateAsync(ChaosCluster cluster, ChaosExpectation expected)
    {
        var runs = await cluster.QueryAsync("run|");
        var casesAndReviews = await cluster.QueryAsync("case|");
        var cases = casesAndReviews.Where(c => c.Name == CaseOrchestration.Name).ToList();
        var allowances = await cluster.QueryAsync("allowance|");
        var broken = runs.Concat(casesAndReviews).Concat(allowances)
            .Where(i => i.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
            .Select(i => $"{i.InstanceId} {i.RuntimeStatus}: {i.FailureDetails?.ErrorType} {i.FailureDetails?.ErrorMessage}")
            .ToList();
        var movingCases = cases.Where(c => !CaseRests(c)).ToList();
        var movingAllowances = allowances.Where(a => !AllowanceRests(a)).ToList();
        var runsDone = runs.Count(r => r.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        var wanted = expected.Payments.Count + expected.Reviews.Count;
        var policiesRun = runs.Select(r => r.InstanceId.Split('|')[1]).Distinct(StringComparer.Ordinal).Count();
        var atRest = policiesRun == 12 && runsDone == runs.Count && cases.Count >= wanted && movingCases.Count == 0 && movingAllowances.Count == 0;
        var detail = $"runs {runsDone}/{runs.Count} done, cases {cases.Count} (rules: {wanted}), moving {movingCases.Count} cases and {movingAllowances.Count} allowances"
            + (broken.Count > 0 ? $", {broken.Count} failed: {string.Join("; ", broken.Take(5))}" : string.Empty)
            + (movingCases.Count is > 0 and <= 5 ? ": " + string.Join(", ", movingCases.Select(c => $"{c.InstanceId} {c.RuntimeStatus} {c.SerializedCustomStatus}")) : string.Empty);
        var runDate = runs.Select(r => r.InstanceId.Split('|')).Where(p => p.Length >= 4).Select(p => BusinessDate.Parse(p[3])).FirstOrDefault();
        return new RestState(atRest && broken.Count == 0, detail, runs.Count > 0 ? runDate : null, cases);
    }

    private static bool CaseRests(OrchestrationMetadata instance) => instance.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => true,
        OrchestrationRuntimeStatus.Running when instance.SerializedCustomStatus is not null =>
            instance.ReadCustomStatusAs<CaseProgress>()?.Stage is CaseStage.InReview or CaseStage.WaitingForBudget,
        _ => false,
    };

    private static bool AllowanceRests(OrchestrationMetadata instance) => instance.RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => true,
        OrchestrationRuntimeStatus.Running when instance.SerializedCustomStatus is not null =>
            instance.ReadCustomStatusAs<AllowanceProgress>()?.Stage is { } stage && (stage.Contains("watching", StringComparison.Ordinal) || stage == "in review"),
        _ => false,
    };

    // The ledger: one settled record per (policy, beneficiary, period), nothing left in doubt. The bank: exactly one
    // payment for each ledger record (same key, same amount, settled), none it cannot account for, and never two
    // payments for one payee and purpose (which a second key for the same payout would be).
    private static void CheckLedgerAndBank(List<PayoutRecord> ledger, IReadOnlyList<ChaosBankPayment> bank, List<string> failures)
    {
        foreach (var twice in ledger.GroupBy(r => (r.Key.PolicyId, r.Key.Beneficiary.Value, BasePeriod(r.Key.Period))).Where(g => g.Count() > 1))
        {
            failures.Add($"ledger: {twice.Count()} records for {twice.Key}");
        }

        foreach (var record in ledger.Where(r => r.State != PayoutState.Settled || r.OutcomeUnknown))
        {
            failures.Add($"ledger: {record.Key} is {record.State}{(record.OutcomeUnknown ? " (outcome unknown)" : string.Empty)}");
        }

        var byKey = bank.GroupBy(b => b.IdempotencyKey).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var record in ledger)
        {
            if (!byKey.TryGetValue(record.IdempotencyKey, out var payments))
            {
                failures.Add($"bank: no payment for ledger record {record.Key}");
            }
            else if (payments.Count != 1 || payments[0].AmountFen != record.Amount.Fen || payments[0].Status != nameof(PaymentState.Settled))
            {
                failures.Add($"bank: {payments.Count} payments for {record.Key}: {string.Join(", ", payments.Select(p => $"{p.AmountFen} fen {p.Status}"))}; the ledger says {record.Amount.Fen} fen");
            }
        }

        var ledgerKeys = ledger.Select(r => r.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        foreach (var stray in bank.Where(b => !ledgerKeys.Contains(b.IdempotencyKey)))
        {
            failures.Add($"bank: payment {stray.IdempotencyKey} ({stray.Purpose}) has no ledger record");
        }

        foreach (var twice in bank.GroupBy(b => (b.PayeeAccount, b.Purpose)).Where(g => g.Count() > 1))
        {
            failures.Add($"bank: {twice.Count()} payments to one payee for '{twice.Key.Purpose}'");
        }

        var ledgerTotal = ledger.Sum(r => r.Amount.Fen);
        var bankTotal = bank.Where(b => b.Status == nameof(PaymentState.Settled)).Sum(b => b.AmountFen);
        if (ledgerTotal != bankTotal)
        {
            failures.Add($"totals: the ledger holds {ledgerTotal} fen, the bank settled {bankTotal} fen");
        }
    }

    // The ledger against the rules: policies without limits pay exactly the recomputed set, each at its recomputed
    // amount; within limits (one per household, exclusion groups) every payment is a recomputed one at its amount,
    // no two share a limit, and no candidate is left unpaid unless a payment holds one of its limits.
    private static void CheckAgainstTheRules(ChaosExpectation expected, List<PayoutRecord> ledger, List<string> failures)
    {
        var paid = ledger.GroupBy(r => (r.Key.PolicyId, r.Key.Beneficiary.Value)).ToDictionary(g => g.Key, g => g.First());
        var wanted = expected.Payments.ToDictionary(p => (p.PolicyId, p.SubjectId), p => p);
        foreach (var ((policy, subject), record) in paid)
        {
            if (!wanted.TryGetValue((policy, subject), out var payment))
            {
                failures.Add($"rules: {policy} paid {record.Amount.Fen} fen to a subject the rules do not pay");
            }
            else if (payment.AmountFen != record.Amount.Fen || payment.Period != record.Key.Period)
            {
                failures.Add($"rules: {policy} paid {record.Amount.Fen} fen for {record.Key.Period}; the rules say {payment.AmountFen} fen for {payment.Period}");
            }
        }

        var held = expected.Payments.Where(p => paid.ContainsKey((p.PolicyId, p.SubjectId))).SelectMany(p => p.Slots.Select(s => (Slot: s, p.SubjectId, p.PolicyId))).ToList();
        foreach (var shared in held.GroupBy(h => h.Slot).Where(g => g.Count() > 1))
        {
            failures.Add($"rules: {shared.Count()} payments share the limit {shared.Key.Split('/')[0]}/{shared.Key.Split('/')[1]}");
        }

        var heldSlots = held.Select(h => h.Slot).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Payments.Where(p => !paid.ContainsKey((p.PolicyId, p.SubjectId)) && !p.Slots.Any(heldSlots.Contains)).ToList();
        foreach (var gap in missing.GroupBy(p => p.PolicyId))
        {
            failures.Add($"rules: {gap.Count()} payments of {gap.Key} missing ({gap.Sum(p => p.AmountFen)} fen)");
        }

        var unlimited = expected.Payments.Where(p => p.Slots.Count == 0).ToList();
        var unlimitedPolicies = unlimited.Select(p => p.PolicyId).ToHashSet(StringComparer.Ordinal);
        var recomputedTotal = unlimited.Sum(p => p.AmountFen);
        var paidTotal = ledger.Where(r => unlimitedPolicies.Contains(r.Key.PolicyId)).Sum(r => r.Amount.Fen);
        if (recomputedTotal != paidTotal)
        {
            failures.Add($"totals: policies without limits paid {paidTotal} fen; the rules say {recomputedTotal} fen");
        }
    }

    // The cases against the rules: a case for every payment and every review the rules call for and for nothing
    // else; the unknown ones wait for a reviewer; the proven ones ended paid or, where a limit is held, excluded.
    private static void CheckCasesAgainstTheRules(ChaosExpectation expected, List<PayoutRecord> ledger, IReadOnlyList<OrchestrationMetadata> cases, List<string> failures)
    {
        var opened = cases.GroupBy(c => (Policy: c.InstanceId.Split('|')[1], Subject: c.InstanceId.Split('|')[2])).ToDictionary(g => g.Key, g => g.First());
        var wanted = expected.Payments.Select(p => (p.PolicyId, p.SubjectId)).Concat(expected.Reviews).ToHashSet();
        foreach (var extra in opened.Keys.Where(k => !wanted.Contains(k)).GroupBy(k => k.Policy))
        {
            failures.Add($"cases: {extra.Count()} cases of {extra.Key} the rules do not call for");
        }

        foreach (var absent in wanted.Where(k => !opened.ContainsKey(k)).GroupBy(k => k.Item1))
        {
            failures.Add($"cases: {absent.Count()} cases of {absent.Key} never opened");
        }

        foreach (var review in expected.Reviews.Where(opened.ContainsKey).Select(k => opened[k]).Where(c => c.RuntimeStatus != OrchestrationRuntimeStatus.Running
            || c.ReadCustomStatusAs<CaseProgress>()?.Stage != CaseStage.InReview).GroupBy(c => c.InstanceId.Split('|')[1]))
        {
            failures.Add($"cases: {review.Count()} cases of {review.Key} with unknown facts are not waiting for a reviewer");
        }

        var paid = ledger.Select(r => (r.Key.PolicyId, r.Key.Beneficiary.Value)).ToHashSet();
        foreach (var payment in expected.Payments.Where(p => opened.ContainsKey((p.PolicyId, p.SubjectId))))
        {
            var instance = opened[(payment.PolicyId, payment.SubjectId)];
            var outcome = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<CaseResult>()?.Outcome : null;
            var expectedOutcome = paid.Contains((payment.PolicyId, payment.SubjectId)) ? CaseOutcome.Paid : CaseOutcome.Excluded;
            if (outcome != expectedOutcome)
            {
                failures.Add($"cases: {instance.InstanceId} ended {outcome?.ToString() ?? instance.RuntimeStatus.ToString()}, expected {expectedOutcome}");
            }
        }
    }

    private static string BasePeriod(string period)
    {
        var retry = period.IndexOf("-r", StringComparison.Ordinal);
        return retry < 0 ? period : period[..retry];
    }

    private sealed record RestState(bool AtRest, string Detail, BusinessDate? RunDate, IReadOnlyList<OrchestrationMetadata> Cases);
}
