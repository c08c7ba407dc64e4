using System.Net;
using System.Net.Sockets;
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
        var environment = new Dictionary<string, string> { ["AzureWebJobsStorage"] = database };

        var generated = await FunctionApp.RunCommandAsync(["generate-population", "--seed", "5", "--residents", "300", "--enterprises", "50", "--out", file, "--date", "2026-03-01"]);
        var first = await FunctionApp.RunCommandAsync(["import", file], environment);
        var second = await FunctionApp.RunCommandAsync(["import", file], environment);

        // 350 subjects, then the declarations of the 11 complete extracts their sources delivered.
        Assert.True(generated.ExitCode == 0, generated.Output);
        Assert.Equal(361, File.ReadLines(file).Count());
        Assert.Equal(11, File.ReadLines(file).Count(line => line.Contains("\"kind\":\"coverage\"", StringComparison.Ordinal)));
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Completed, 361 read, 350 accepted, 11 complete extracts declared, 0 quarantined", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(ResultLine(first.StandardOutput), ResultLine(second.StandardOutput));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Import_WhileAnotherProgramHoldsTheAppsPort_ImportsWithoutListeningOnHttp()
    {
        var folder = Path.Combine(Path.GetTempPath(), "serverlessgov-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "population.ndjson");
        var generated = await FunctionApp.RunCommandAsync(["generate-population", "--seed", "6", "--residents", "20", "--enterprises", "0", "--out", file, "--date", "2026-03-01"]);
        Assert.True(generated.ExitCode == 0, generated.Output);
        // The app runs locally: its port (Host.LocalHttpPort, where the command's host would listen) is taken.
        using var running = new TcpListener(IPAddress.Loopback, 0);
        running.Start();
        var port = ((IPEndPoint)running.LocalEndpoint).Port;
        var database = Path.Combine(folder, "app.db");
        var settings = $$"""
            { "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "Data Source={{database}}" }, "Host": { "LocalHttpPort": {{port}} } }
            """;

        // A token key too, as the app has: what may stop the command is the port, nothing else.
        var import = await FunctionApp.RunCommandAsync(["import", file], new Dictionary<string, string> { ["Auth__DevSigningKey"] = FunctionApp.DevSigningKey }, settings);

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("Completed, 31 read, 20 accepted, 11 complete extracts declared", import.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", import.Output, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static string ResultLine(string output) =>
        output.Split('\n').Single(line => line.StartsWith("import imp-", StringComparison.Ordinal) && line.Contains("accepted", StringComparison.Ordinal));
}
