using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Cases;

public sealed class MainJobProcessTests
{
    [Fact]
    public async Task Demo_SmallPopulationAsARealProcess_ExitsZeroAndPrintsTheSummaryTable()
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-main-job", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(root, "host.json"));
        // As the README's first command runs it: `dotnet run` without a launch profile is the Production environment.
        var production = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        await using var process = AppProcess.Start(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root, production,
            "demo", "--residents", "60", "--enterprises", "10", "--timeout-seconds", "150");

        var exited = await process.WaitForExitAsync(TimeSpan.FromSeconds(180));

        Assert.True(exited, "The main job did not finish:\n" + process.Output);
        Assert.True(process.ExitCode == 0, $"The main job exited {process.ExitCode}:\n{process.Output}");
        Assert.Contains("Paid automatically", process.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Data to payment instruction p99", process.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Policies run", process.StandardOutput, StringComparison.Ordinal);
        Assert.True(Directory.EnumerateFiles(Path.Combine(root, ".data"), "serverlessgov.db", SearchOption.AllDirectories).Any(), "No store under .data/.");
    }
}
