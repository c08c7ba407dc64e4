using System.Globalization;
using System.Text.RegularExpressions;
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
        // As the README's first command runs it: `dotnet run` applies the project's launch profile and nothing else.
        await using var process = AppProcess.Start(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root, LaunchProfile.Environment(),
            "demo", "--residents", "60", "--enterprises", "10", "--timeout-seconds", "150");

        var exited = await process.WaitForExitAsync(TimeSpan.FromSeconds(180));

        Assert.True(exited, "The main job did not finish:\n" + process.Output);
        Assert.True(process.ExitCode == 0, $"The main job exited {process.ExitCode}:\n{process.Output}");
        Assert.Contains("Paid automatically", process.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Data to payment instruction p99", process.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Policies run", process.StandardOutput, StringComparison.Ordinal);
        Assert.True(Directory.EnumerateFiles(Path.Combine(root, ".data"), "serverlessgov.db", SearchOption.AllDirectories).Any(), "No store under .data/.");
    }

    [Fact]
    public async Task Demo_DefaultPopulation_PaysFourFifthsOfMatchedResidentCasesAutomaticallyAndNamesEveryReviewReason()
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-main-job", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(root, "host.json"));
        await using var process = AppProcess.Start(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root, LaunchProfile.Environment(), "demo", "--timeout-seconds", "400");

        var exited = await process.WaitForExitAsync(TimeSpan.FromSeconds(450));

        Assert.True(exited && process.ExitCode == 0, "The main job did not finish well:\n" + process.Output);
        var share = Regex.Match(process.StandardOutput, @"Automatic share of matched resident cases\s+(?<share>[0-9.]+) % \((?<automatic>[0-9,]+) of (?<matched>[0-9,]+)");
        Assert.True(share.Success, process.StandardOutput);
        Assert.True(double.Parse(share.Groups["share"].Value, CultureInfo.InvariantCulture) >= 80.0, process.StandardOutput);
        var review = Regex.Match(process.StandardOutput, @"Why (?<cases>[0-9,]+) cases are in review \(a case may name several reasons; (?<none>[0-9]+) name none\):");
        Assert.True(review.Success, process.StandardOutput);
        Assert.Equal("0", review.Groups["none"].Value);
        Assert.Matches(@"\n\s+[0-9,]+\s+[a-z_.]+: ", process.StandardOutput[review.Index..]);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Demo_OutsideDevelopment_RefusesNamingTheEnvironment()
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-main-job", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(root, "host.json"));
        var production = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        await using var process = AppProcess.Start(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root, production, "demo", "--residents", "5");

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), process.Output);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("'Production'", process.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, ".data")), "the demo wrote a store outside Development");
    }
}
