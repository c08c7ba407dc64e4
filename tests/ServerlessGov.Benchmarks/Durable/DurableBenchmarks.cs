using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Durable;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Benchmarks.Durable;

/// <summary>
/// Durable engine scenarios on SQLite, each run once in process (cold start, one invocation): HelloCities5, a
/// 1,000-activity fan-out/fan-in, an external-event burst and timer lateness. Figures are printed as "DURABLE …"
/// lines. Run: <c>dotnet run -c Release --project tests/ServerlessGov.Benchmarks -- --filter '*DurableBenchmarks*'</c>.
/// </summary>
[Config(typeof(SingleRunConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the store.
public class DurableBenchmarks
#pragma warning restore CA1001
{
    private string _directory = string.Empty;
    private SqliteStorage _storage = null!;
    private ServiceProvider _services = null!;
    private DurableTaskWorker _worker = null!;
    private DurableTaskClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "serverlessgov-bench", Guid.NewGuid().ToString("N"));
        _storage = new SqliteStorage(new SqliteStorageOptions { Path = Path.Combine(_directory, "bench.db") });
        var services = new ServiceCollection();
        services.AddSingleton<ITableStore>(_storage);
        services.AddSingleton<IQueueStore>(_storage);
        services.AddDurableTask(Register, options =>
        {
            options.HubName = "bench" + Guid.NewGuid().ToString("N")[..8];
            options.MinPollingInterval = TimeSpan.FromMilliseconds(10);
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
            options.MaxConcurrentOrchestrations = 32;
            options.MaxConcurrentActivities = 64;
        });
        _services = services.BuildServiceProvider();
        _worker = _services.GetRequiredService<DurableTaskWorker>();
        _client = _services.GetRequiredService<DurableTaskClient>();
        _worker.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _worker.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _storage.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task HelloCities5()
    {
        var count = Scale(5000);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            ids[i] = await _client.ScheduleNewOrchestrationInstanceAsync("HelloCities5", null, null, ct));

        var latencies = new List<double>(count);
        foreach (var id in ids)
        {
            var done = await _client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            latencies.Add((done.LastUpdatedAt - done.CreatedAt).TotalMilliseconds);
        }

        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var seconds = watch.Elapsed.TotalSeconds;
        Report("HelloCities5", $"{count} orchestrations x 5 activities in {seconds:F1} s: {count * 5 / seconds:F0} activities/s, " +
            $"{count * 11 / seconds:F0} work items/s (5 activities + 6 episodes each), p50 {Percentile(latencies, 50):F0} ms, p99 {Percentile(latencies, 99):F0} ms; " +
            $"process CPU {cpu:F1} s = {count * 11 / cpu:F0} work items per CPU-second");
    }

    [Benchmark]
    public async Task FanOutFanIn1000()
    {
        var watch = Stopwatch.StartNew();
        var id = await _client.ScheduleNewOrchestrationInstanceAsync("FanOut", 1000);
        var done = await _client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        watch.Stop();
        Report("FanOut1000", $"1000 activities fanned out and in, {done.RuntimeStatus}, in {watch.Elapsed.TotalSeconds:F2} s: {1000 / watch.Elapsed.TotalSeconds:F0} activities/s");
    }

    [Benchmark]
    public async Task ExternalEventBurst()
    {
        const int events = 1000;
        var id = await _client.ScheduleNewOrchestrationInstanceAsync("Collector", events);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, events).Select(i => _client.RaiseEventAsync(id, "item", i)));
        var done = await _client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        watch.Stop();
        Report("EventBurst", $"{events} events to one instance, {done.RuntimeStatus} (sum {done.SerializedOutput}), in {watch.Elapsed.TotalSeconds:F2} s: {events / watch.Elapsed.TotalSeconds:F0} events/s");
    }

    [Benchmark]
    public async Task TimerLateness()
    {
        var count = Scale(200);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await _client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 2.0));
        }

        var lateness = new List<double>(count);
        foreach (var id in ids)
        {
            lateness.Add((await _client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true)).ReadOutputAs<double>());
        }

        Report("TimerLateness", $"{count} two-second timers: lateness p50 {Percentile(lateness, 50):F0} ms, p99 {Percentile(lateness, 99):F0} ms, max {lateness.Max():F0} ms, early {lateness.Count(l => l < 0)}");
    }

    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("SayHello", (_, city) => "Hello " + city)
        .AddActivityFunc<int, int>("Square", (_, n) => n * n)
        .AddOrchestratorFunc<string?, string>("HelloCities5", async (ctx, _) =>
        {
            var a = await ctx.CallActivityAsync<string>("SayHello", "Tokyo");
            var b = await ctx.CallActivityAsync<string>("SayHello", "Seattle");
            var c = await ctx.CallActivityAsync<string>("SayHello", "London");
            var d = await ctx.CallActivityAsync<string>("SayHello", "Beijing");
            var e = await ctx.CallActivityAsync<string>("SayHello", "Shanghai");
            return string.Join(", ", a, b, c, d, e);
        })
        .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Square", i)));
            return results.Sum(x => (long)x);
        })
        .AddOrchestratorFunc<int, long>("Collector", async (ctx, n) =>
        {
            long sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += await ctx.WaitForExternalEvent<int>("item");
            }

            return sum;
        })
        .AddOrchestratorFunc<double, double>("Sleeper", async (ctx, seconds) =>
        {
            var due = ctx.CurrentUtcDateTime.AddSeconds(seconds);
            await ctx.CreateTimer(due, CancellationToken.None);
            return (ctx.CurrentUtcDateTime - due).TotalMilliseconds;
        });

    private static int Scale(int full) =>
        double.TryParse(Environment.GetEnvironmentVariable("DURABLE_BENCH_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
            ? Math.Max(1, (int)(full * scale))
            : full;

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static void Report(string scenario, string figures) => Console.WriteLine($"DURABLE {scenario}: {figures}");
}
