using System.Diagnostics;
using System.Net;
using System.Text;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.MultiProcess;

/// <summary>The test app running as a separate <c>dotnet</c> process on a content root shared with other instances.</summary>
internal sealed class TestAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TestAppProcess(Process process, string instance, Uri address)
    {
        _process = process;
        Instance = instance;
        Address = address;
    }

    public string Instance { get; }

    public Uri Address { get; }

    /// <summary>What the process wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app on <paramref name="contentRoot"/> and waits until its readiness endpoint answers 200.</summary>
    public static async Task<TestAppProcess> StartAsync(string contentRoot, string instance, params string[] settings)
    {
        var port = ServerlessGov.Testing.Apps.FreePort.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "ServerlessGov.Hosting.TestApp.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--contentRoot", contentRoot, "--urls", $"http://127.0.0.1:{port}", $"--TestApp:Instance={instance}" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new TestAppProcess(process, instance, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(2) };
        // As long as the function app's own test helper waits: a loaded CI machine can take this long to start .NET.
        var deadline = DateTimeOffset.UtcNow.Add(StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Test app {instance} exited with {process.ExitCode}:\n{app.Output}");
            }

            try
            {
                if ((await client.GetAsync("/api/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return app;
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

            if (DateTimeOffset.UtcNow > deadline)
            {
                await app.DisposeAsync();
                throw new TimeoutException($"Test app {instance} was not ready within {StartTimeout.TotalSeconds:0} s:\n{app.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Ends the process at once, as a crash or an out-of-memory kill would: nothing is drained or released.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>Writes the shared host.json and local.settings.json for instances sharing one store.</summary>
    public static string WriteContentRoot(object hostJson, string storageConnection) =>
        FunctionsTestHost.WriteFiles(hostJson, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storageConnection });

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
