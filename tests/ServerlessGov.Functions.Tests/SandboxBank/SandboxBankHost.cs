using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Tests.Support;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.SandboxBank;

/// <summary>
/// The sandbox bank's functions on the real functions host, on Kestrel at a loopback port, over a real table store,
/// configured like the app configures it: its client holds <see cref="ClientKey"/>, and it calls back only the URL given.
/// </summary>
internal sealed class SandboxBankHost : IAsyncDisposable
{
    /// <summary>The client's credential (a function key of the bank's host); <see cref="Client"/> sends it.</summary>
    public const string ClientKey = "sandbox-bank-test-client-key-0123456789";

    private readonly InProcessFunctionsApp _app;

    private SandboxBankHost(InProcessFunctionsApp app)
    {
        _app = app;
        PaymentsApi = new Uri(app.Root, "api/" + SandboxBankApi.Route + "/");
        Client = new HttpClient { BaseAddress = PaymentsApi, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add(BankWire.ClientKeyHeader, ClientKey);
    }

    public Uri Root => _app.Root;

    /// <summary>What <c>Payments:BankBaseUrl</c> is set to.</summary>
    public Uri PaymentsApi { get; }

    public HttpClient Client { get; }

    /// <summary>The running app's services (what its functions are made from).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The bank's own records, read straight from its table.</summary>
    public SandboxPaymentStore Store => _app.Services.GetRequiredService<SandboxPaymentStore>();

    /// <summary>
    /// Starts a bank with a fresh table; <paramref name="settings"/> are <c>SandboxBank:*</c> keys without the prefix, and
    /// <paramref name="callbackUrl"/> is the one address it may call back.
    /// </summary>
    public static async Task<SandboxBankHost> StartAsync(ITableStore tables, IReadOnlyDictionary<string, string>? settings = null, int port = 0, Uri? callbackUrl = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Auth:FunctionKeys:client"] = ClientKey,
            ["SandboxBank:TableName"] = UniqueNames.Table("bank"),
            ["SandboxBank:PollInterval"] = "00:00:00.050",
            ["SandboxBank:SettlementDelay"] = "00:00:00.300",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values["SandboxBank:" + key] = value;
        }

        if (callbackUrl is not null)
        {
            values["SandboxBank:CallbackUrls:0"] = callbackUrl.AbsoluteUri;
        }

        var app = await InProcessFunctionsApp.StartAsync(
            functions => functions.AddSandboxBankFunctions(), tables, values, (services, configuration) => services.AddSandboxBank(configuration), port);
        var bank = new SandboxBankHost(app);
        // One query and one refused submission before the test's first call, so tests with sub-second gateway
        // timeouts measure the bank's behaviour, not the one-time cost of the first requests on a loaded machine.
        using (await bank.Client.GetAsync(new Uri(BankWire.PaymentsPath + "/warm-up", UriKind.Relative)))
        using (await bank.Client.PostAsync(new Uri(BankWire.PaymentsPath, UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
        {
        }

        return bank;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
