using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Payouts;

/// <summary>The payout services as <c>AddPayouts</c> registers them, over a real store, pointed at a bank URL.</summary>
internal sealed class PayoutServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public PayoutServices(ITableStore tables, Uri bankPaymentsApi, TimeSpan? gatewayTimeout = null, Uri? callbackUrl = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:BankBaseUrl"] = bankPaymentsApi.AbsoluteUri,
            ["Payments:Timeout"] = (gatewayTimeout ?? TimeSpan.FromSeconds(10)).ToString(),
            ["Payouts:LedgerTable"] = UniqueNames.Table("payouts"),
            ["Payouts:SubmissionLease"] = "00:00:30",
            ["Payouts:CallbackUrl"] = callbackUrl?.AbsoluteUri,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(tables);
        services.AddPayouts(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public PayoutLedger Ledger => _provider.GetRequiredService<PayoutLedger>();

    /// <summary>A fresh executor, as each activity run would get one.</summary>
    public PayoutExecutor Executor() => _provider.GetRequiredService<PayoutExecutor>();

    public IPaymentGateway Gateway => _provider.GetRequiredService<IPaymentGateway>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
