using System.Diagnostics;
using System.Text;

namespace ServerlessGov.Testing.Apps;

/// <summary>
/// A real process of one of the project's apps, started with <c>dotnet app.dll</c> in a working directory of the
/// test's choosing, its output captured, and killed (with its children) on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();

    private AppProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
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

    /// <summary>What the process wrote to stdout alone (a command's result, without its messages on stderr).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_output)
            {
                return _standardOutput.ToString();
            }
        }
    }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="assemblyPath"/> in <paramref name="workingDirectory"/>, in the Development environment unless
    /// <paramref name="environment"/> says otherwise (an empty value removes a variable).
    /// </summary>
    public static AppProcess Start(string assemblyPath, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            // An empty value takes the variable away (the process starts as if it had never been set).
            if (value.Length == 0)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.Append(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data, standardOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until the process ends (or the timeout passes) and returns whether it ended; once it has, its output is complete.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process at once, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private void Append(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (standardOutput)
            {
                _standardOutput.AppendLine(line);
            }
        }
    }
}
