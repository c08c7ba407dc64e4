using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ServerlessGov.Testing.Azurite;

/// <summary>
/// A real Azurite (the version pinned in <c>tools/azurite</c>), started once per test process on free loopback
/// ports with in-memory persistence, and stopped when the process exits. Installs it with <c>npm ci</c> on first use.
/// </summary>
/// <remarks>
/// Azurite runs under <c>tools/azurite/run.js</c>, which stops it when its standard input closes; the test process
/// holds that pipe, so Azurite dies with the test process even when the process is killed.
/// </remarks>
public sealed partial class AzuriteServer
{
    private static readonly Lazy<Task<AzuriteServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private AzuriteServer(Process process, int tablePort, int queuePort, int blobPort)
    {
        _process = process;
        TablePort = tablePort;
        QueuePort = queuePort;
        BlobPort = blobPort;
    }

    /// <summary>The id of the launcher process (<c>run.js</c>), whose child is Azurite; benchmarks read the pair's CPU time from it.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The port of Azurite's Table service on 127.0.0.1.</summary>
    public int TablePort { get; }

    /// <summary>The port of Azurite's Queue service on 127.0.0.1.</summary>
    public int QueuePort { get; }

    /// <summary>The port of Azurite's Blob service on 127.0.0.1 (DurableTask.AzureStorage keeps leases and large messages there).</summary>
    public int BlobPort { get; }

    /// <summary>A connection string with the blob endpoint too, for clients that need all three services (DurableTask.AzureStorage).</summary>
    public string ConnectionStringWithBlobs => ConnectionString + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;";

    /// <summary>A connection string for the well-known development account on this Azurite.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    /// <summary>The folder holding the pinned <c>package.json</c>, the lock file and <c>run.js</c>.</summary>
    public static string ToolsDirectory { get; } = FindToolsDirectory();

    /// <summary>The process-wide Azurite, started on first call.</summary>
    /// <exception cref="InvalidOperationException">Node.js or npm is missing, the install failed, or Azurite did not start.</exception>
    public static Task<AzuriteServer> GetAsync() => Shared.Value;

    /// <summary>Installs the pinned packages (<c>npm ci</c>) unless they are already there; safe across concurrent test processes.</summary>
    /// <exception cref="InvalidOperationException">Node.js or npm is missing, or the install failed.</exception>
    public static async Task EnsureInstalledAsync()
    {
        await RunToolAsync("node", "--version", ToolsDirectory, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (IsInstalled())
        {
            return;
        }

        var lockPath = Path.Combine(ToolsDirectory, ".npm-ci.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var gate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                if (!IsInstalled())
                {
                    await RunToolAsync("npm", "ci --no-audit --no-fund", ToolsDirectory, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
                }

                return;
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(500).ConfigureAwait(false);
            }
        }
    }

    private static bool IsInstalled() =>
        File.Exists(Path.Combine(ToolsDirectory, "node_modules", "azurite", "package.json"))
        && File.Exists(Path.Combine(ToolsDirectory, "node_modules", "@azure", "data-tables", "package.json"))
        && File.Exists(Path.Combine(ToolsDirectory, "node_modules", "@azure", "storage-queue", "package.json"));

    private static async Task<AzuriteServer> StartAsync()
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        var workDirectory = Directory.CreateTempSubdirectory("serverlessgov-azurite-");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDirectory.FullName,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(ToolsDirectory, "run.js"),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                     "--extentMemoryLimit", "256",
                     "--blobHost", "127.0.0.1", "--blobPort", "0",
                     "--queueHost", "127.0.0.1", "--queuePort", "0",
                     "--tableHost", "127.0.0.1", "--tablePort", "0",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new List<string>();
        var queuePort = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tablePort = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var blobPort = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line);
            }

            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                var port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                (match.Groups["service"].Value switch { "Queue" => queuePort, "Blob" => blobPort, _ => tablePort }).TrySetResult(port);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, workDirectory);

        var ready = Task.WhenAll(queuePort.Task, tablePort.Task, blobPort.Task);
        var finished = await Task.WhenAny(ready, process.WaitForExitAsync(), Task.Delay(StartTimeout)).ConfigureAwait(false);
        if (finished != ready)
        {
            Stop(process, workDirectory);
            string log;
            lock (output)
            {
                log = string.Join(Environment.NewLine, output);
            }

            throw new InvalidOperationException($"Azurite did not start within {StartTimeout.TotalSeconds:0} s. Its output:{Environment.NewLine}{log}");
        }

        var server = new AzuriteServer(process, await tablePort.Task.ConfigureAwait(false), await queuePort.Task.ConfigureAwait(false), await blobPort.Task.ConfigureAwait(false));
        await server.WaitUntilAnsweringAsync().ConfigureAwait(false);
        return server;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        foreach (var port in new[] { TablePort, QueuePort })
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(System.Net.IPAddress.Loopback, port).ConfigureAwait(false);
                    break;
                }
                catch (SocketException) when (attempt < 50 && !_process.HasExited)
                {
                    await Task.Delay(100).ConfigureAwait(false);
                }
            }
        }
    }

    private static void Stop(Process process, DirectoryInfo workDirectory)
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(3000))
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            workDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task RunToolAsync(string tool, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{tool}'.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"'{tool}' is not installed or not on PATH. The Azure storage tests run a real Azurite and need Node.js 20+ with npm (e.g. 'apt-get install nodejs npm').", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"'{tool} {arguments}' in {workingDirectory} did not finish within {timeout}.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'{tool} {arguments}' in {workingDirectory} failed with exit code {process.ExitCode}:{Environment.NewLine}{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
            }
        }
    }

    private static string FindToolsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", "azurite");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Could not find tools/azurite/package.json above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
