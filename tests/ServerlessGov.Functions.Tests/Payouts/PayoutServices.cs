using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Tests.SandboxBank;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Payouts;

/// <summary>
/// The payout services as <c>AddPayouts</c> registers them, over a real store, pointed at a bank URL with the sandbox
/// test bank's client credential; every log line is kept for the test to read.
/// </summary>
internal sealed class PayoutServices : IAsyncDisposable
{
    /// <summary>The idempotency secret these services key payouts with unless a test gives another.</summary>
    public const string Secret = "cGF5b3V0LXNlcnZpY2VzLXRlc3Qta2V5LXNlY3JldC0wMTIzNDU2Nzg5";

    private readonly ServiceProvider _provider;

    public PayoutServices(ITableStore tables, Uri bankPaymentsApi, TimeSpan? gatewayTimeout = null, Uri? callbackUrl = null, string? secret = null, string? ledgerTable = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:BankBaseUrl"] = bankPaymentsApi.AbsoluteUri,
            ["Payments:ClientKey"] = SandboxBankHost.ClientKey,
            ["Payments:Timeout"] = (gatewayTimeout ?? TimeSpan.FromSeconds(10)).ToString(),
            ["Payouts:LedgerTable"] = ledgerTable ?? UniqueNames.Table("payouts"),
            ["Payouts:SubmissionLease"] = "00:00:30",
            // By default the callback endpoint of the bank's own app, the one address its bank calls back (as in the app).
            ["Payouts:CallbackUrl"] = (callbackUrl ?? new Uri(bankPaymentsApi, "../../" + PayoutCallbackApi.Route)).AbsoluteUri,
            ["Payouts:IdempotencySecret"] = secret ?? Secret,
        }).Build();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(tables);
        services.AddPayouts(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public PayoutLedger Ledger => _provider.GetRequiredService<PayoutLedger>();

    /// <summary>A fresh executor, as each activity run would get one.</summary>
    public PayoutExecutor Executor() => _provider.GetRequiredService<PayoutExecutor>();

    public IPaymentGateway Gateway => _provider.GetRequiredService<IPaymentGateway>();

    /// <summary>Every log line written so far.</summary>
    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
