using System.Diagnostics;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>
/// Real separate processes (the ProcessProbe program) working on the same database file as this test, so the
/// guarantees rest on SQLite's file locks between processes, not on anything shared in memory.
/// </summary>
public sealed class SqliteMultiProcessTests
{
    private const int Processes = 3;

    [Fact]
    public async Task ConditionalIncrements_FromSeveralProcesses_LoseNoUpdate()
    {
        using var files = new TemporaryDirectory();
        var path = files.Path("shared.db");
        await using var store = new SqliteStorage(new SqliteStorageOptions { Path = path });
        var name = UniqueNames.Table();
        var table = store.GetTable(name);
        await table.CreateIfNotExistsAsync();
        await table.AddAsync(new TableEntity("counter", "c") { ["Value"] = 0L });
        const int perWriter = 40;

        var probes = await StartProbesAsync("increment", path, name, perWriter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var done = 0; done < perWriter;)
        {
            var counter = (await table.GetAsync("counter", "c"))!;
            try
            {
                await table.UpdateAsync(new TableEntity("counter", "c") { ["Value"] = counter.GetInt64("Value")!.Value + 1 }, counter.ETag);
                done++;
            }
            catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
            {
                // Another process won this round.
            }
        }

        await Task.WhenAll(probes);

        Assert.Equal((Processes + 1) * perWriter, (await table.GetAsync("counter", "c"))!.GetInt64("Value"));
    }

    [Fact]
    public async Task Receivers_InSeveralProcesses_GetEachMessageOnce()
    {
        using var files = new TemporaryDirectory();
        var path = files.Path("shared.db");
        await using var store = new SqliteStorage(new SqliteStorageOptions { Path = path });
        var name = UniqueNames.Queue();
        var queue = store.GetQueue(name);
        await queue.CreateIfNotExistsAsync();
        const int messages = 300;
        for (var i = 0; i < messages; i++)
        {
            await queue.SendAsync(BinaryData.FromString($"m{i}"));
        }

        var probes = await StartProbesAsync("receive", path, name);
        var mine = new List<string>();
        while (await queue.ReceiveAsync(3, TimeSpan.FromMinutes(5)) is { Count: > 0 } batch)
        {
            mine.AddRange(batch.Select(m => m.Body.ToString()));
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        var theirs = (await Task.WhenAll(probes)).Select(output => output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var all = mine.Concat(theirs.SelectMany(lines => lines)).ToList();

        Assert.Equal(messages, all.Count);
        Assert.Equal(messages, all.Distinct().Count());
    }

    /// <summary>Starts the probes, waits until each has opened the store, then releases them all at once.</summary>
    private static async Task<List<Task<string>>> StartProbesAsync(params string[] arguments)
    {
        var processes = new List<Process>();
        for (var i = 0; i < Processes; i++)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ServerlessGov.Storage.ProcessProbe.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            processes.Add(Process.Start(start)!);
        }

        foreach (var process in processes)
        {
            Assert.Equal("ready", await process.StandardOutput.ReadLineAsync());
        }

        foreach (var process in processes)
        {
            await process.StandardInput.WriteLineAsync();
            await process.StandardInput.FlushAsync();
        }

        return processes.Select(FinishAsync).ToList();
    }

    private static async Task<string> FinishAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"The probe failed ({process.ExitCode}): {await error}");
            return await output;
        }
    }
}
