using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Hosting;
using ServerlessGov.Population;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Benchmarks.Cases;

/// <summary>
/// The real function app in this process, as the main job runs it: the repository's host.json, a fresh SQLite store,
/// the app's own sandbox bank on a loopback port, and the main job's short sandbox timings (settlement after 1 s, a
/// confirmation window of 5 s, no return watch), so every automatic payment is instructed within the run.
/// </summary>
internal sealed class CaseBenchmarkApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CaseBenchmarkApp(WebApplication app, string directory)
    {
        _app = app;
        Directory = directory;
    }

    /// <summary>The folder holding the store, the population file and the app's settings.</summary>
    public string Directory { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the app in a fresh folder.</summary>
    public static async Task<CaseBenchmarkApp> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "serverlessgov-bench", "cases-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(directory, "host.json"));
        var port = FreePort.Next();
        var root = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/api/");
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "Data Source=" + Path.Combine(directory, "serverlessgov.db"),
            ["Auth:DevSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Subjects:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Enterprises:EventGrid:TopicEndpoint"] = root + ServerlessGov.Functions.Enterprises.EnterprisesFunctions.ReceiverRoute,
            ["Enterprises:EventGrid:TopicKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["SandboxBank:SettlementDelay"] = "00:00:01",
            ["Cases:ConfirmationWindow"] = "00:00:05",
            ["Cases:SettlementPollInterval"] = "00:00:05",
            ["Cases:PaymentRetryDelay"] = "00:00:01",
            ["Cases:ReturnWatch"] = "00:00:00",
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = values.ToDictionary(v => v.Key.Replace(":", "__", StringComparison.Ordinal), v => v.Value),
        }));
        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(AppFunctions.Declare);
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new CaseBenchmarkApp(app, directory);
    }

    /// <summary>Generates the population (seed 1) into an NDJSON file and imports it through the real importer; returns the subjects accepted.</summary>
    public async Task<long> ImportAsync(int residents, int enterprises)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var file = Path.Combine(Directory, "population.ndjson");
        var output = File.Create(file);
        await using (output)
        {
            var options = new PopulationOptions { Seed = 1, Residents = residents, Enterprises = enterprises, ReferenceDate = today };
            await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), output);
            await PopulationWriter.WriteExtractsNdjsonAsync(PopulationGenerator.Extracts(options), output);
        }

        var input = File.OpenRead(file);
        await using (input)
        {
            var result = await Services.GetRequiredService<SubjectImporter>().RunAsync("casebench", input, ImportFormat.Ndjson);
            return result.Accepted;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; a temp folder left behind is harmless.
        }
    }
}
