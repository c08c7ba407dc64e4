using System.Text;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// One worker of the chaos test: the function app (as <c>ServerlessGov.Functions.ChaosWorker</c> composes it) as a
/// real process on the shared content root, always on the same loopback port, so the bank's callbacks find it again
/// after a restart. Killing it kills its whole process tree at once, as a crash or an out-of-memory kill would.
/// </summary>
internal sealed class ChaosWorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _contentRoot;
    private readonly StringBuilder _earlierOutput = new();
    private AppProcess? _process;

    public ChaosWorkerProcess(string name, string contentRoot)
    {
        Name = name;
        _contentRoot = contentRoot;
        Port = FreePort.Next();
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Where the bank reports to this worker.</summary>
    public string CallbackUrl => $"http://127.0.0.1:{Port}/api/payouts/bank-callbacks";

    /// <summary>How many times this worker was killed.</summary>
    public int Kills { get; private set; }

    /// <summary>Everything every incarnation of this worker wrote.</summary>
    public string Output => _earlierOutput + (_process?.Output ?? string.Empty);

    /// <summary>Starts the worker and waits until its health endpoint answers.</summary>
    /// <exception cref="InvalidOperationException">It exited or did not answer in time; the message carries its output.</exception>
    public async Task StartAsync()
    {
        _process = AppProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "ServerlessGov.Functions.ChaosWorker.dll"),
            _contentRoot,
            null,
            "--contentRoot", _contentRoot, "--urls", $"http://127.0.0.1:{Port}", "--Payouts:CallbackUrl=" + CallbackUrl);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Worker {Name} exited with code {_process.ExitCode}:\n{_process.Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"Worker {Name} did not answer /api/health within {StartTimeout.TotalSeconds:0} s:\n{_process.Output}");
    }

    /// <summary>Kills the whole process tree at once; nothing is drained, released or flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        _earlierOutput.Append(_process.Output).Append("----- ").Append(Name).AppendLine(" killed -----");
        await _process.DisposeAsync();
        _process = null;
        Kills++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
