using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Subjects;

/// <summary>The <c>generate-population</c> and <c>import</c> verbs, run as real processes of the app.</summary>
public sealed class SubjectCommandsTests
{
    [Fact]
    public async Task GenerateThenImport_SameCommandTwice_SecondRunFindsTheImportCompleted()
    {
        var folder = Path.Combine(Path.GetTempPath(), "serverlessgov-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "population.ndjson");
        var database = "Data Source=" + Path.Combine(folder, "app.db");
        // The import verb starts the host (storage and triggers), which needs a token setting like the app itself.
        var environment = new Dictionary<string, string> { ["AzureWebJobsStorage"] = database, ["Auth__DevSigningKey"] = "subject-commands-test-key-0123456789abcdef" };

        var generated = await FunctionApp.RunCommandAsync(["generate-population", "--seed", "5", "--residents", "300", "--enterprises", "50", "--out", file, "--date", "2026-03-01"]);
        var first = await FunctionApp.RunCommandAsync(["import", file], environment);
        var second = await FunctionApp.RunCommandAsync(["import", file], environment);

        Assert.True(generated.ExitCode == 0, generated.Output);
        Assert.Equal(350, File.ReadLines(file).Count());
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Completed, 350 read, 350 accepted, 0 quarantined", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(ResultLine(first.StandardOutput), ResultLine(second.StandardOutput));
        Directory.Delete(folder, recursive: true);
    }

    private static string ResultLine(string output) =>
        output.Split('\n').Single(line => line.StartsWith("import imp-", StringComparison.Ordinal) && line.Contains("accepted", StringComparison.Ordinal));
}
