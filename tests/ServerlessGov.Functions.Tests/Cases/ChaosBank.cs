using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Hosting;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The chaos test's bank: the app's sandbox bank alone, in the test process (it is the outside party, and is never
/// killed), on a SQLite file of its own, so its record of payments is independent of the app's ledger. It plays its
/// configured failures: a share of new submissions is recorded and then left unanswered until the caller times out.
/// </summary>
internal sealed class ChaosBank : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChaosBank(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The workers' credential at the bank (one of its function keys).</summary>
    public const string ClientKey = "chaos-bank-client-key-0123456789abcdef";

    /// <summary>The bank's payments API root, as <c>Payments:BankBaseUrl</c> names it.</summary>
    public Uri BaseUrl { get; }

    public static async Task<ChaosBank> StartAsync(string directory, IReadOnlyDictionary<string, string> settings)
    {
        Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var values = new Dictionary<string, string>(settings) { ["AzureWebJobsStorage"] = "Data Source=" + Path.Combine(directory, "bank.db") };
        await File.WriteAllTextAsync(Path.Combine(directory, "host.json"), JsonSerializer.Serialize(new { version = "2.0" }));
        await File.WriteAllTextAsync(Path.Combine(directory, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = values.ToDictionary(v => v.Key.Replace(":", "__", StringComparison.Ordinal), v => v.Value),
        }));
        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(functions => functions.AddSandboxBankFunctions());
        builder.Services.AddSandboxBank(builder.Configuration);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new ChaosBank(app, new Uri($"http://127.0.0.1:{port}/api/{SandboxBankApi.Route}/"));
    }

    /// <summary>Every payment the bank holds, read from its own table.</summary>
    public async Task<IReadOnlyList<ChaosBankPayment>> ReadAllAsync()
    {
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxBankOptions>>().Value;
        var table = _app.Services.GetRequiredService<ITableStore>().GetTable(options.TableName);
        var payments = new List<ChaosBankPayment>();
        await table.CreateIfNotExistsAsync();
        await foreach (var row in table.QueryAllAsync(new TableQuery()))
        {
            payments.Add(new ChaosBankPayment(
                row.RowKey,
                row.GetString(nameof(SandboxPayment.PayeeAccount))!,
                row.GetString(nameof(SandboxPayment.Purpose))!,
                row.GetInt64(nameof(SandboxPayment.AmountFen)) ?? 0,
                row.GetString(nameof(SandboxPayment.Status))!,
                row.GetInt32(nameof(SandboxPayment.Requests)) ?? 0));
        }

        return payments;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
