using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Benchmarks.Subjects;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Benchmarks.Cases;

/// <summary>
/// The main job at scale, on SQLite, in process, once (cold start): 100,000 generated residents and 10,000 enterprises
/// (seed 1) imported in setup (not timed), then the twelve sample policies published and measured from publish until
/// every automatic payment is instructed; then, once at rest, residents' facts changed one by one through the
/// <c>subject-changes</c> queue and measured from the change to the payment instruction. Figures are printed as
/// "CASES …" lines, each with the load average. Run:
/// <c>dotnet run -c Release --project tests/ServerlessGov.Benchmarks -- --filter '*CaseBenchmarks*'</c>;
/// <c>CASES_BENCH_SCALE=0.05</c> runs at 5,000 residents, <c>CASES_BENCH_CHANGES</c> (100) and
/// <c>CASES_BENCH_CHANGE_RATE</c> (10 per second) shape the second scenario.
/// </summary>
[Config(typeof(LongSingleRunConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the app.
public class CaseBenchmarks
#pragma warning restore CA1001
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private CaseBenchmarkApp _app = null!;
    private int _residents;
    private int _enterprises;

    [GlobalSetup]
    public void Setup()
    {
        var scale = Setting("CASES_BENCH_SCALE", 1.0);
        _residents = Math.Max(10, (int)(100_000 * scale));
        _enterprises = Math.Max(1, (int)(10_000 * scale));
        _app = CaseBenchmarkApp.StartAsync().GetAwaiter().GetResult();
        var watch = Stopwatch.StartNew();
        var imported = _app.ImportAsync(_residents, _enterprises).GetAwaiter().GetResult();
        Report("import", $"{_residents:N0} residents + {_enterprises:N0} enterprises generated and imported ({imported:N0} accepted) in {watch.Elapsed.TotalSeconds:F1} s (setup, not timed)");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task PublishThenChanges()
    {
        await PublishToEveryAutomaticPaymentInstructedAsync();
        await DataChangeToPaymentInstructionAsync();
    }

    private async Task PublishToEveryAutomaticPaymentInstructedAsync()
    {
        var client = _app.Services.GetRequiredService<DurableTaskClient>();
        var observer = new CaseRunObserver(client);
        var timeout = TimeSpan.FromSeconds(Setting("CASES_BENCH_TIMEOUT_SECONDS", 3600));
        Report("publish", $"start: {_residents:N0} residents + {_enterprises:N0} enterprises x 12 sample policies");
        var samples = new List<(DateTimeOffset At, TimeSpan Cpu)>();
        var cpuStart = ProcessCpu();
        var publishedAt = DateTimeOffset.UtcNow;
        await _app.Services.GetRequiredService<PolicyLifecycle>().PublishSamplesAsync(PolicyActor.System);
        CaseRunSnapshot snapshot;
        var watch = Stopwatch.StartNew();
        var observing = TimeSpan.Zero;
        var pause = Poll;
        while (true)
        {
            await Task.Delay(pause);
            var taking = Stopwatch.StartNew();
            snapshot = await observer.TakeAsync();
            observing += taking.Elapsed;

            // Reading every instance is work for the store too: look at most a third of the time.
            pause = taking.Elapsed * 2 > Poll ? taking.Elapsed * 2 : Poll;
            samples.Add((DateTimeOffset.UtcNow, ProcessCpu() - cpuStart));
            if (samples.Count % 10 == 0)
            {
                Report("progress", $"{watch.Elapsed.TotalSeconds:F0} s: runs {snapshot.RunsDone}/{snapshot.Runs}, cases {snapshot.Cases:N0}/{snapshot.ExpectedCases:N0}, instructed {snapshot.Instructed:N0}, before instruction {snapshot.BeforeInstruction:N0}, review {snapshot.InReview:N0}, CPU {samples[^1].Cpu.TotalSeconds:F0} s");
            }

            if (snapshot.EveryAutomaticPaymentInstructed || watch.Elapsed > timeout)
            {
                break;
            }
        }

        using var bank = new BankReceipts(_app.Services);
        var received = new List<TimeSpan>(snapshot.InstructedCases.Count);
        var receivedByPolicy = new SortedDictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        var decidedByPolicy = new SortedDictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        var lastReceived = publishedAt;
        foreach (var (instanceId, decidedAt) in snapshot.InstructedCases)
        {
            if (await bank.ReceivedAtAsync(instanceId) is { } at)
            {
                received.Add(at - decidedAt);
                var policy = instanceId.Split('|')[1];
                if (!receivedByPolicy.TryGetValue(policy, out var list))
                {
                    receivedByPolicy[policy] = list = [];
                }

                list.Add(at - publishedAt);
                if (!decidedByPolicy.TryGetValue(policy, out var decidedList))
                {
                    decidedByPolicy[policy] = decidedList = [];
                }

                decidedList.Add(decidedAt - publishedAt);
                lastReceived = at > lastReceived ? at : lastReceived;
            }
        }

        var receivedSorted = received.Order().ToList();
        var last = snapshot.LastInstructedAt ?? publishedAt;
        var cpuAtLast = samples.First(s => s.At >= lastReceived).Cpu;
        var sorted = snapshot.DecidedToInstructed.Order().ToList();
        Report("publish", (snapshot.EveryAutomaticPaymentInstructed ? string.Empty : $"TIMED OUT after {timeout}; ")
            + $"publish -> every automatic payment received by the bank {(lastReceived - publishedAt).TotalSeconds:F1} s "
            + $"({received.Count:N0} payments, {received.Count / Math.Max((lastReceived - publishedAt).TotalSeconds, 0.001):F0} per second), seen as instructed by every case {(last - publishedAt).TotalSeconds:F1} s "
            + $"(runs done {Since(publishedAt, snapshot.LastRunDoneAt)}, last case opened {Since(publishedAt, snapshot.LastCaseCreatedAt)}); "
            + $"process CPU {cpuAtLast.TotalSeconds:F1} s by then ({samples[^1].Cpu.TotalSeconds:F1} s when seen at rest); "
            + $"{samples.Count} snapshots of every instance taken meanwhile, {observing.TotalSeconds:F1} s in all");
        Report("publish", $"evaluations {snapshot.Evaluated:N0}, cases {snapshot.Cases:N0} (expected {snapshot.ExpectedCases:N0}), instructed {snapshot.Instructed:N0}, "
            + $"in review {snapshot.InReview:N0}, ended otherwise {snapshot.EndedOtherwise:N0}, failed {snapshot.Failed}; "
            + $"decided -> received by the bank p50 {Percentile(receivedSorted, 0.50)}, p99 {Percentile(receivedSorted, 0.99)} "
            + $"(-> seen as instructed by the case p50 {Percentile(sorted, 0.50)}, p99 {Percentile(sorted, 0.99)})");
        Report("publish", "publish -> received by the bank, per policy (payments: p50 / last): " + PerPolicy(receivedByPolicy));
        Report("publish", "publish -> decided, per policy (payments: p50 / last): " + PerPolicy(decidedByPolicy));
        Report("publish", "per policy (evaluated/automatic/review): " + string.Join(", ", snapshot.PerPolicy.Select(p => $"{p.Key} {p.Value.Evaluated}/{p.Value.Automatic}/{p.Value.Review}")));
    }

    private async Task DataChangeToPaymentInstructionAsync()
    {
        var count = (int)Setting("CASES_BENCH_CHANGES", 100);
        var rate = Setting("CASES_BENCH_CHANGE_RATE", 10);
        var client = _app.Services.GetRequiredService<DurableTaskClient>();
        var observer = new CaseRunObserver(client);
        var settleBy = Stopwatch.StartNew();
        while ((await observer.TakeAsync()).Settling > 0 && settleBy.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(Poll);
        }

        var subjects = await EligibilityChanges.FindAsync(_app.Services, count);
        var queue = _app.Services.GetRequiredService<IQueueStore>().GetQueue(SubjectChangeMessage.QueueName);
        await queue.CreateIfNotExistsAsync();
        using var bank = new BankReceipts(_app.Services);
        var cpuStart = ProcessCpu();
        var sentAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var latencies = new List<TimeSpan>(subjects.Count);
        var observed = new List<TimeSpan>(subjects.Count);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var next = 0;
        while ((next < subjects.Count || pending.Count > 0) && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            while (next < subjects.Count && next < watch.Elapsed.TotalSeconds * rate)
            {
                var subject = subjects[next++];
                var now = DateTimeOffset.UtcNow;
                await queue.SendAsync(EligibilityChanges.MessageFor(subject, now));
                sentAt[subject] = now;
                pending.Add(subject);
            }

            foreach (var subject in pending.ToList())
            {
                var instance = await client.GetInstanceAsync(EligibilityChanges.CaseIdFor(subject), getInputsAndOutputs: true);
                var instructedAt = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                    ? instance.ReadOutputAs<CaseResult>()?.InstructedAt
                    : instance?.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<CaseProgress>()?.InstructedAt;
                if (instructedAt is not null && await bank.ReceivedAtAsync(EligibilityChanges.CaseIdFor(subject)) is { } at)
                {
                    latencies.Add(at - sentAt[subject]);
                    observed.Add(DateTimeOffset.UtcNow - sentAt[subject]);
                    pending.Remove(subject);
                }
            }

            await Task.Delay(50);
        }

        var cpu = ProcessCpu() - cpuStart;
        var sorted = latencies.Order().ToList();
        var seen = observed.Order().ToList();
        Report("change", $"{subjects.Count} residents turned eligible through subject-changes at {rate:F0}/s: {latencies.Count} instructed, {pending.Count} not; "
            + $"change -> payment received by the bank p50 {Percentile(sorted, 0.50)}, p99 {Percentile(sorted, 0.99)}, max {Percentile(sorted, 1.0)} (as first seen by polling every 50 ms: p50 {Percentile(seen, 0.50)}, p99 {Percentile(seen, 0.99)}); process CPU {cpu.TotalSeconds:F1} s over {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static string PerPolicy(SortedDictionary<string, List<TimeSpan>> byPolicy) => string.Join(", ", byPolicy.Select(p =>
    {
        var times = p.Value.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{p.Key} {times.Count}: {times[(times.Count - 1) / 2].TotalSeconds:F1} s / {times[^1].TotalSeconds:F1} s");
    }));

    private static string Since(DateTimeOffset start, DateTimeOffset? end) =>
        end is { } value ? string.Create(CultureInfo.InvariantCulture, $"{(value - start).TotalSeconds:F1} s") : "n/a";

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Percentile(List<TimeSpan> sorted, double share)
    {
        if (sorted.Count == 0)
        {
            return "n/a";
        }

        var index = Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[index].TotalMilliseconds:F0} ms");
    }

    private static void Report(string scenario, string figures)
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CASES {scenario} [{DateTime.UtcNow:HH:mm:ss} UTC, load {load}]: {figures}"));
    }
}
