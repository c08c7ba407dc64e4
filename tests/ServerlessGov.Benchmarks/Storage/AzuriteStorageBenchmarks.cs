using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ServerlessGov.Benchmarks.Durable;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Benchmarks.Storage;

/// <summary>
/// The Azure adapter's own speed on Azurite (started by the benchmark, as in the tests): sequential table inserts and
/// sequential queue send + receive + delete cycles, one caller, after a short warm-up.
/// Run: <c>dotnet run -c Release --project tests/ServerlessGov.Benchmarks -- --filter '*AzuriteStorageBenchmarks*'</c>.
/// </summary>
[Config(typeof(SingleRunConfig))]
public class AzuriteStorageBenchmarks
{
    private const int Warmup = 50;
    private const int Inserts = 2000;
    private const int Cycles = 1000;

    private readonly HttpRequestCounter _http = new();
    private AzureStorage _storage = null!;

    [GlobalSetup]
    public void Setup()
    {
        var server = AzuriteServer.GetAsync().GetAwaiter().GetResult();
        _storage = AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(server.ConnectionString), AzureAdapterOptions.CountingRequests(_http))
            .GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task TableInsertsOnAzurite()
    {
        var table = _storage.GetTable("bench" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        for (var i = 0; i < Warmup; i++)
        {
            await table.AddAsync(Entity("warmup", i));
        }

        _http.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Inserts; i++)
        {
            await table.AddAsync(Entity("p", i));
        }

        watch.Stop();
        Console.WriteLine($"STORAGE table inserts on Azurite: {Inserts} sequential inserts in {watch.Elapsed.TotalSeconds:F2} s = {Inserts / watch.Elapsed.TotalSeconds:F0} inserts/s; " +
            $"{_http.Requests} HTTP requests ({(double)_http.Requests / Inserts:F2} per insert); client CPU {CpuMsSince(cpu) / Inserts:F3} ms per insert; " +
            $"off the wire {(watch.Elapsed - _http.WireTime).TotalMilliseconds / Inserts:F3} ms per insert");
    }

    [Benchmark]
    public async Task QueueCyclesOnAzurite()
    {
        var queue = _storage.GetQueue("bench-" + Guid.NewGuid().ToString("N")[..8]);
        await queue.CreateIfNotExistsAsync();
        var body = BinaryData.FromString("""{"instanceId":"bench","name":"SayHello","input":"\"Tokyo\""}""");
        for (var i = 0; i < Warmup; i++)
        {
            await CycleAsync(queue, body);
        }

        _http.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Cycles; i++)
        {
            await CycleAsync(queue, body);
        }

        watch.Stop();
        Console.WriteLine($"STORAGE queue cycles on Azurite: {Cycles} sequential send + receive + delete in {watch.Elapsed.TotalSeconds:F2} s = {Cycles / watch.Elapsed.TotalSeconds:F0} cycles/s; " +
            $"{_http.Requests} HTTP requests ({(double)_http.Requests / Cycles:F2} per cycle); client CPU {CpuMsSince(cpu) / Cycles:F3} ms per cycle; " +
            $"off the wire {(watch.Elapsed - _http.WireTime).TotalMilliseconds / Cycles:F3} ms per cycle");
    }

    // The benchmark process's CPU (the adapter and the SDK or HTTP client, not Azurite): less sensitive to a busy machine than wall time.
    private static double CpuMsSince(TimeSpan start) => (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds;

    private static TableEntity Entity(string partition, int i) => new(partition, i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
    {
        ["Name"] = "SayHello",
        ["Input"] = "\"Tokyo\"",
        ["Sequence"] = (long)i,
        ["CreatedAt"] = DateTimeOffset.UnixEpoch.AddSeconds(i),
        ["Done"] = false,
    };

    private static async Task CycleAsync(IQueue queue, BinaryData body)
    {
        await queue.SendAsync(body);
        var message = Assert(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    private static QueueMessage Assert(IReadOnlyList<QueueMessage> received) =>
        received.Count == 1 ? received[0] : throw new InvalidOperationException($"Expected the message just sent, received {received.Count}.");
}
