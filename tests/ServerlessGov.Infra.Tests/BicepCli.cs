using System.Diagnostics;
using System.Reflection;

namespace ServerlessGov.Infra.Tests;

/// <summary>Runs the Bicep CLI that the Azure.Bicep.CommandLine package restored, so CI validates the templates with no install step.</summary>
internal static class BicepCli
{
    public static string InfraFolder { get; } = Path.GetFullPath(Metadata("InfraFolder"));

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var path = Metadata("BicepPath").Replace('\\', '/');
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is missing at '{path}': restore tests/ServerlessGov.Infra.Tests (package Azure.Bicep.CommandLine.linux-x64).");
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The template tests run the linux-x64 Bicep CLI: run them on Linux, as CI does.");
        }

        // NuGet extracts files without their executable bit.
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = InfraFolder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, and no attempt to reach a registry from a closed network.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["BICEP_TELEMETRY_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is not set by the project file.");
}
