using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Benchmarks.Storage;
using ServerlessGov.Durable;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Benchmarks.Durable;

/// <summary>
/// HelloCities5 on Azurite (started by the benchmark, as in the tests), counting storage requests per work item.
/// Run: <c>dotnet run -c Release --project tests/ServerlessGov.Benchmarks -- --filter '*DurableAzuriteBenchmarks*'</c>.
/// </summary>
[Config(typeof(SingleRunConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the provider.
public class DurableAzuriteBenchmarks
#pragma warning restore CA1001
{
    private ServiceProvider _services = null!;
    private DurableTaskWorker _worker = null!;
    private DurableTaskClient _client = null!;
    private CountingStorage _counting = null!;
    private readonly HttpRequestCounter _http = new();

    [GlobalSetup]
    public void Setup()
    {
        var server = AzuriteServer.GetAsync().GetAwaiter().GetResult();
        var storage = AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(server.ConnectionString), AzureAdapterOptions.CountingRequests(_http)).GetAwaiter().GetResult();
        _counting = new CountingStorage(storage, storage);
        var services = new ServiceCollection();
        services.AddSingleton<ITableStore>(_counting);
        services.AddSingleton<IQueueStore>(_counting);
        services.AddDurableTask(r => r
            .AddActivityFunc<string, string>("SayHello", (_, city) => "Hello " + city)
            .AddOrchestratorFunc<string?, string>("HelloCities5", async (ctx, _) =>
            {
                var parts = new List<string>();
                foreach (var city in new[] { "Tokyo", "Seattle", "London", "Beijing", "Shanghai" })
                {
                    parts.Add(await ctx.CallActivityAsync<string>("SayHello", city));
                }

                return string.Join(", ", parts);
            }), options =>
            {
                options.HubName = "bench" + Guid.NewGuid().ToString("N")[..8];
                options.MinPollingInterval = TimeSpan.FromMilliseconds(50);
                options.MaxPollingInterval = TimeSpan.FromSeconds(1);
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
    }

    [Benchmark]
    public async Task HelloCities5OnAzurite()
    {
        var count = double.TryParse(Environment.GetEnvironmentVariable("DURABLE_BENCH_SCALE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
            ? Math.Max(1, (int)(200 * scale))
            : 200;
        _counting.Reset();
        _http.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            ids[i] = await _client.ScheduleNewOrchestrationInstanceAsync("HelloCities5", null, null, ct));
        foreach (var id in ids)
        {
            await _client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        }

        watch.Stop();
        var seconds = watch.Elapsed.TotalSeconds;
        var workItems = count * 11.0;
        Console.WriteLine($"DURABLE HelloCities5-Azurite: {count} orchestrations x 5 activities in {seconds:F1} s: {count * 5 / seconds:F0} activities/s, " +
            $"{workItems / seconds:F0} work items/s; {_counting.Requests} storage requests = {_counting.Requests / workItems:F1} per work item " +
            $"({_counting.Requests / (count * 5.0):F1} per activity, client polling included); " +
            $"{_http.Requests} HTTP requests = {_http.Requests / workItems:F2} per work item; " +
            $"benchmark process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s (Azurite not included)");
    }
}
