using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using ServerlessGov.Benchmarks.Subjects;

namespace ServerlessGov.Benchmarks.Durable.SideBySide;

/// <summary>
/// HelloCities5, 1,000 orchestrations × 5 sequential activities, on the embedded engine on SQLite, the embedded engine
/// on Azurite and DurableTask.Core + DurableTask.AzureStorage on the same Azurite, one after the other in one run, each
/// on a fresh task hub: work items per second, CPU-seconds per work item (this process, and Azurite's own) and HTTP
/// requests per work item (the client's status reads included). Figures are printed as "SIDE-BY-SIDE …" lines.
/// Run: <c>dotnet run -c Release --project tests/ServerlessGov.Benchmarks -- --filter '*DurableSideBySideBenchmarks*'</c>;
/// <c>DURABLE_BENCH_SCALE=0.1</c> runs 100 orchestrations.
/// </summary>
[Config(typeof(LongSingleRunConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the host.
public class DurableSideBySideBenchmarks
#pragma warning restore CA1001
{
    private const int WorkItemsPerInstance = 11; // 5 activities + 6 orchestrator episodes (the start and one per result)
    private HelloCities5Host _host = null!;

    [Params(HelloCities5Engine.EmbeddedSqlite, HelloCities5Engine.EmbeddedAzurite, HelloCities5Engine.DurableTaskAzureStorage)]
    public HelloCities5Engine Engine { get; set; }

    [GlobalSetup]
    public void Setup() => _host = (Engine switch
    {
        HelloCities5Engine.EmbeddedSqlite => EmbeddedHost.OnSqliteAsync(),
        HelloCities5Engine.EmbeddedAzurite => EmbeddedHost.OnAzuriteAsync(),
        _ => CoreEngineHost.StartAsync(),
    }).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task HelloCities5()
    {
        var count = double.TryParse(Environment.GetEnvironmentVariable("DURABLE_BENCH_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
            ? Math.Max(1, (int)(1000 * scale))
            : 1000;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(50));
        _host.ResetCounters();
        var azuriteBefore = _host.AzuriteProcessId is { } before ? AzuriteCpu.Used(before) : TimeSpan.Zero;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = timeout.Token }, async (i, ct) =>
            ids[i] = await _host.StartAsync(ct));
        var wrong = 0;
        foreach (var id in ids)
        {
            var (status, output) = await _host.WaitForCompletionAsync(id, timeout.Token);
            wrong += status == "Completed" && output == HelloCities5Host.ExpectedOutput ? 0 : 1;
        }

        watch.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var azurite = _host.AzuriteProcessId is { } after ? (AzuriteCpu.Used(after) - azuriteBefore).TotalSeconds : (double?)null;
        var workItems = (double)count * WorkItemsPerInstance;
        var seconds = watch.Elapsed.TotalSeconds;
        var requests = _host.StorageRequests is { } r ? $"{r:N0} HTTP requests = {r / workItems:F2} per work item" : "storage in process (no requests)";
        var emulator = azurite is { } a ? $"; Azurite CPU {a:F1} s = {a * 1000 / workItems:F2} ms per work item; together {(cpu + a) * 1000 / workItems:F2} ms per work item" : string.Empty;
        Console.WriteLine($"SIDE-BY-SIDE {Engine}: {count} orchestrations x 5 activities in {seconds:F1} s = {workItems / seconds:F0} work items/s " +
            $"({count * 5 / seconds:F0} activities/s), {wrong} not completed with the expected output; {requests}; " +
            $"process CPU {cpu:F1} s = {cpu * 1000 / workItems:F2} ms per work item{emulator}; load average {LoadAverage()}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
