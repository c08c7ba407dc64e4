using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Tests.SandboxBank;
using ServerlessGov.Testing.Apps;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Payouts;

public sealed class PayoutCallbackApiTests : IClassFixture<SqliteStorageFixture>
{
    private readonly SqliteStorageFixture _storage;

    public PayoutCallbackApiTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Callback_FromTheBankInTheSameApp_SettlesTheLedgerWithoutPolling()
    {
        var root = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(root.AbsoluteUri);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:BankBaseUrl"] = new Uri(root, "sandbox-bank/v1/").AbsoluteUri,
            ["Payouts:LedgerTable"] = UniqueNames.Table("payouts"),
            ["Payouts:CallbackUrl"] = new Uri(root, PayoutCallbackApi.Route.TrimStart('/')).AbsoluteUri,
            ["SandboxBank:TableName"] = UniqueNames.Table("bank"),
            ["SandboxBank:SettlementDelay"] = "00:00:00.300",
            ["SandboxBank:PollInterval"] = "00:00:00.050",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_storage.Tables);
        builder.Services.AddPayouts(builder.Configuration);
        builder.Services.AddSandboxBank(builder.Configuration);
        await using var app = builder.Build();
        app.MapSandboxBank();
        app.MapPayoutCallbacks();
        await app.StartAsync();
        var ledger = app.Services.GetRequiredService<PayoutLedger>();
        var key = new PayoutKey("rental-subsidy", new SubjectId("E-" + Guid.NewGuid().ToString("N")[..12]), "2026");
        await ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(500_00), new PayeeAccount("acct-2201"), "rental subsidy 2026"));

        await app.Services.GetRequiredService<PayoutExecutor>().PayAsync(key);

        var settled = await Eventually.ReturnsAsync(() => ledger.GetAsync(key), r => r!.State == PayoutState.Settled, "the callback to settle the ledger");
        Assert.Equal(Money.FromFen(500_00), settled!.Amount);
        await app.StopAsync();
    }

    [Fact]
    public async Task Callback_ForAKeyTheLedgerNeverIssued_Answers404()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:BankBaseUrl"] = bank.PaymentsApi.AbsoluteUri,
            ["Payouts:LedgerTable"] = UniqueNames.Table("payouts"),
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_storage.Tables);
        builder.Services.AddPayouts(builder.Configuration);
        await using var app = builder.Build();
        app.MapPayoutCallbacks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await client.PostAsync(
            new Uri(PayoutCallbackApi.Route, UriKind.Relative),
            new StringContent("""{"idempotencyKey":"po-0000000000000000000000000000000000000000","status":"settled","version":2,"occurredAt":"2026-11-23T10:00:00Z"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        await app.StopAsync();
    }
}
