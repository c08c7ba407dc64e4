using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.SandboxBank;

/// <summary>The sandbox bank on real Kestrel on a loopback port, over a real table store, configured like the app configures it.</summary>
internal sealed class SandboxBankHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxBankHost(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
        PaymentsApi = new Uri(root, SandboxBankApi.Prefix.TrimStart('/') + "/");
        Client = new HttpClient { BaseAddress = PaymentsApi, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Root { get; }

    /// <summary>What <c>Payments:BankBaseUrl</c> is set to.</summary>
    public Uri PaymentsApi { get; }

    public HttpClient Client { get; }

    /// <summary>The bank's own records, read straight from its table.</summary>
    public SandboxPaymentStore Store => _app.Services.GetRequiredService<SandboxPaymentStore>();

    /// <summary>Starts a bank with a fresh table; <paramref name="settings"/> are <c>SandboxBank:*</c> keys without the prefix.</summary>
    public static async Task<SandboxBankHost> StartAsync(ITableStore tables, IReadOnlyDictionary<string, string>? settings = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var values = new Dictionary<string, string?>
        {
            ["SandboxBank:TableName"] = UniqueNames.Table("bank"),
            ["SandboxBank:PollInterval"] = "00:00:00.050",
            ["SandboxBank:SettlementDelay"] = "00:00:00.300",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values["SandboxBank:" + key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(tables);
        builder.Services.AddSandboxBank(builder.Configuration);
        var app = builder.Build();
        app.MapSandboxBank();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SandboxBankHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
