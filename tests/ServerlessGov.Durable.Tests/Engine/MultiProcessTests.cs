using System.Collections.Concurrent;
using System.Diagnostics;
using ServerlessGov.Durable.TestWorker;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>
/// Two real worker processes on one store (a SQLite file, with and without its transactional commit, or Azurite)
/// share a hub's work, and every instance completes exactly right. They run alone (not beside the other classes), so
/// the two extra processes do not starve the shared Azurite the other tests use.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class MultiProcessTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("azure")]
    public async Task TwoWorkerProcesses_OneStore_ShareTheWorkAndCompleteEveryInstance(string kind)
    {
        await using var pair = await WorkerPair.StartAsync(kind);

        // A process that has just started can be slow to take its first work item on a loaded machine (JIT, first
        // connection), while the other finishes a whole round alone. So rounds of twelve fan-outs run until both
        // processes have taken a share, up to five rounds; every instance of every round must complete right.
        var pids = new HashSet<int>();
        for (var round = 0; round < 5 && pids.Count < 2; round++)
        {
            var ids = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                ids.Add(await pair.Client.Client.ScheduleNewOrchestrationInstanceAsync("Spread", 20));
            }

            foreach (var id in ids)
            {
                var done = await pair.Client.WaitAsync(id, TimeSpan.FromSeconds(90));
                Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
                var results = done.ReadOutputAs<List<int[]>>()!;
                Assert.Equal(Enumerable.Range(0, 20), results.Select(r => r[1]));
                pids.UnionWith(results.Select(r => r[0]));
            }
        }

        Assert.Equal(pair.ProcessIds.Order(), pids.Order());
    }

    [Theory]
    [InlineData("sqlite", false)]
    [InlineData("sqlite-outbox", true)]
    [InlineData("azure", true)]
    public async Task TwoWorkerProcesses_RacingForOneInstance_RunEachActivityOnce(string kind, bool outboxPath)
    {
        const int Activities = 40;
        await using var pair = await WorkerPair.StartAsync(kind);

        // On the outbox path the race this test is about must happen: a worker loses a commit to the other (7003) or
        // finds the other's outbox still being sent and waits (7013). Whether it does in one round depends on the
        // machine's timing (on a quiet machine about half the rounds see it; ten runs needed up to six rounds), so
        // rounds of six relays run until it has, up to twenty; every round must run each activity once. (With SQLite's
        // transactional commit there is no outbox to race over, and episodes are short enough that they rarely
        // collide: one round.)
        var raced = false;
        for (var round = 0; round < 20 && !raced; round++)
        {
            var ids = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                ids.Add(await pair.Client.Client.ScheduleNewOrchestrationInstanceAsync("Relay", Activities));
            }

            foreach (var id in ids)
            {
                var done = await pair.Client.WaitAsync(id, TimeSpan.FromSeconds(120));
                Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
                Assert.Equal(Enumerable.Range(0, Activities).Sum(), done.ReadOutputAs<int>());
            }

            var runs = await pair.CountRunsAsync();
            foreach (var id in ids)
            {
                var mine = runs.Where(r => r.Key.StartsWith(id + "-", StringComparison.Ordinal)).ToList();
                Assert.Equal(Activities, mine.Count);
                Assert.All(mine, r => Assert.True(r.Value == 1, $"activity {r.Key} ran {r.Value} times"));
            }

            raced = !outboxPath || await pair.RacedAsync();
        }

        Assert.True(raced, "the two workers never raced for an instance in twenty rounds");
    }

    /// <summary>A client in this process and two worker processes on one store.</summary>
    private sealed class WorkerPair : IAsyncDisposable
    {
        private readonly List<Process> _workers = [];
        private readonly ConcurrentDictionary<int, int> _events = new();
        private readonly List<Task> _readers = [];
        private readonly string? _directory;
        private readonly SqliteStorage? _sqlite;
        private readonly ITableStore _tables;

        private WorkerPair(string? directory, SqliteStorage? sqlite, ITableStore tables)
        {
            _directory = directory;
            _sqlite = sqlite;
            _tables = tables;
        }

        public DurableTestHost Client { get; private set; } = null!;

        public IEnumerable<int> ProcessIds => _workers.Select(w => w.Id);

        public static async Task<WorkerPair> StartAsync(string kind)
        {
            string location;
            WorkerPair pair;
            if (kind == "azure")
            {
                location = (await AzuriteServer.GetAsync()).ConnectionString;
                var azure = await AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(location));
                pair = new WorkerPair(null, null, azure);
                pair.Client = await DurableTestHost.StartAsync(new PlainFixture(azure, azure), SharedWork.Register, hubName: DurableTestHost.NewHubName(), startWorker: false);
            }
            else
            {
                var directory = Path.Combine(Path.GetTempPath(), "serverlessgov-durable-mp", Guid.NewGuid().ToString("N"));
                location = Path.Combine(directory, "store.db");
                var sqlite = new SqliteStorage(new SqliteStorageOptions { Path = location });
                pair = new WorkerPair(directory, sqlite, sqlite);
                pair.Client = await DurableTestHost.StartAsync(new PlainFixture(sqlite, sqlite), SharedWork.Register, hubName: DurableTestHost.NewHubName(), startWorker: false);
            }

            await pair._tables.GetTable(RecordRun.TableName).CreateIfNotExistsAsync();
            await pair.StartWorkerAsync(kind, location);
            await pair.StartWorkerAsync(kind, location);
            return pair;
        }

        /// <summary>
        /// Whether a worker has logged losing a commit to the other (7003) or waiting for the other's outbox (7013).
        /// The workers' logs are read as they come, so a line written just before the last instance completed is
        /// given a second to arrive.
        /// </summary>
        public async Task<bool> RacedAsync()
        {
            for (var wait = 0; wait < 10; wait++)
            {
                if (_events.GetValueOrDefault(7003) + _events.GetValueOrDefault(7013) > 0)
                {
                    return true;
                }

                await Task.Delay(100);
            }

            return false;
        }

        /// <summary>How many times each "{instance}-{input}" activity ran.</summary>
        public async Task<Dictionary<string, int>> CountRunsAsync()
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var run in _tables.GetTable(RecordRun.TableName).QueryAllAsync(new TableQuery()))
            {
                counts[run.PartitionKey] = counts.GetValueOrDefault(run.PartitionKey) + 1;
            }

            return counts;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var worker in _workers)
            {
                worker.StandardInput.Close();
                if (!worker.WaitForExit(TimeSpan.FromSeconds(20)))
                {
                    worker.Kill(entireProcessTree: true);
                }
            }

            await Task.WhenAll(_readers).WaitAsync(TimeSpan.FromSeconds(10));
            foreach (var worker in _workers)
            {
                worker.Dispose();
            }

            await Client.DisposeAsync();
            if (_sqlite is not null)
            {
                await _sqlite.DisposeAsync();
                Directory.Delete(_directory!, recursive: true);
            }
        }

        private async Task StartWorkerAsync(string kind, string location)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "ServerlessGov.Durable.TestWorker.dll");
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add(kind);
            info.ArgumentList.Add(location);
            info.ArgumentList.Add(Client.Store.Options.HubName);
            var process = Process.Start(info)!;
            _workers.Add(process);
            var ready = new TaskCompletionSource();
            _readers.Add(Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } output)
                {
                    if (output == "ready")
                    {
                        ready.TrySetResult();
                    }
                    else if (output.StartsWith("event:", StringComparison.Ordinal) && int.TryParse(output.AsSpan(6), out var id))
                    {
                        _events.AddOrUpdate(id, 1, (_, n) => n + 1);
                    }
                }
            }));
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    private sealed class PlainFixture(ITableStore tables, IQueueStore queues) : IStorageAdapterFixture
    {
        public string AdapterName => "plain";

        public ITableStore Tables => tables;

        public IQueueStore Queues => queues;
    }
}
