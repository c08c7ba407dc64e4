using System.Diagnostics;
using ServerlessGov.Durable.TestWorker;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>Two real worker processes on one SQLite file share a hub's work, and every instance completes exactly right.</summary>
public sealed class MultiProcessTests
{
    [Fact]
    public async Task TwoWorkerProcesses_OneSqliteFile_ShareTheWorkAndCompleteEveryInstance()
    {
        var directory = Path.Combine(Path.GetTempPath(), "serverlessgov-durable-mp", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "store.db");
        var hub = DurableTestHost.NewHubName();
        var storage = new SqliteStorage(new SqliteStorageOptions { Path = database });
        var fixture = new PlainFixture(storage);
        var workers = new List<Process>();
        try
        {
            await using var client = await DurableTestHost.StartAsync(fixture, SharedWork.Register, hubName: hub, startWorker: false);
            workers.Add(await StartWorkerAsync(database, hub));
            workers.Add(await StartWorkerAsync(database, hub));

            var ids = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync("Spread", 20));
            }

            var pids = new HashSet<int>();
            foreach (var id in ids)
            {
                var done = await client.WaitAsync(id, TimeSpan.FromSeconds(90));
                Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
                var results = done.ReadOutputAs<List<int[]>>()!;
                Assert.Equal(Enumerable.Range(0, 20), results.Select(r => r[1]));
                pids.UnionWith(results.Select(r => r[0]));
            }

            Assert.Equal(workers.Select(w => w.Id).Order(), pids.Order());
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.StandardInput.Close();
                if (!worker.WaitForExit(TimeSpan.FromSeconds(20)))
                {
                    worker.Kill(entireProcessTree: true);
                }

                worker.Dispose();
            }

            await storage.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Process> StartWorkerAsync(string database, string hub)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ServerlessGov.Durable.TestWorker.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(database);
        info.ArgumentList.Add(hub);
        var process = Process.Start(info)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("ready", line);
        return process;
    }

    private sealed class PlainFixture(SqliteStorage storage) : IStorageAdapterFixture
    {
        public string AdapterName => "sqlite";

        public ServerlessGov.Storage.Tables.ITableStore Tables => storage;

        public ServerlessGov.Storage.Queues.IQueueStore Queues => storage;
    }
}
