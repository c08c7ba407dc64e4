using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Tests.SandboxBank;
using ServerlessGov.Functions.Tests.Support;
using ServerlessGov.Hosting.Security;
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
        var port = FreePort.Next();
        var root = new Uri($"http://127.0.0.1:{port}/");
        await using var app = await InProcessFunctionsApp.StartAsync(
            functions => functions.AddSandboxBankFunctions().AddPayoutCallbackFunction(),
            _storage.Tables,
            new Dictionary<string, string?>
            {
                ["Payments:BankBaseUrl"] = new Uri(root, "api/" + SandboxBankApi.Route + "/").AbsoluteUri,
                ["Payments:ClientKey"] = SandboxBankHost.ClientKey,
                ["Auth:FunctionKeys:client"] = SandboxBankHost.ClientKey,
                ["Payouts:LedgerTable"] = UniqueNames.Table("payouts"),
                ["Payouts:CallbackUrl"] = new Uri(root, "api/" + PayoutCallbackApi.Route).AbsoluteUri,
                ["SandboxBank:TableName"] = UniqueNames.Table("bank"),
                ["SandboxBank:SettlementDelay"] = "00:00:00.300",
                ["SandboxBank:PollInterval"] = "00:00:00.050",
            },
            (services, configuration) => services.AddPayouts(configuration).AddSandboxBank(configuration),
            port);
        var ledger = app.Services.GetRequiredService<PayoutLedger>();
        var key = new PayoutKey("rental-subsidy", new SubjectId("E-" + Guid.NewGuid().ToString("N")[..12]), "2026");
        await ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(500_00), new PayeeAccount("acct-2201"), "rental subsidy 2026"));

        await app.Services.GetRequiredService<PayoutExecutor>().PayAsync(key);

        var settled = await Eventually.ReturnsAsync(() => ledger.GetAsync(key), r => r!.State == PayoutState.Settled, "the callback to settle the ledger");
        Assert.Equal(Money.FromFen(500_00), settled!.Amount);
    }

    [Fact]
    public async Task Callback_ForAKeyTheLedgerNeverIssued_Answers404()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        await using var app = await StartCallbackAppAsync(bank);
        using var client = new HttpClient { BaseAddress = app.Root };

        using var response = await client.PostAsync(
            new Uri("api/" + PayoutCallbackApi.Route, UriKind.Relative),
            new StringContent("""{"idempotencyKey":"po-0000000000000000000000000000000000000000","status":"settled","version":2,"occurredAt":"2026-11-23T10:00:00Z"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Declarations_CallbackIsPublicAndTheSandboxBankTakesOnlyItsClientsKey()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        await using var app = await StartCallbackAppAsync(bank, withBank: true);

        Assert.Empty(EndpointAudit.FindUnprotected(app.Endpoints));
        var declared = app.Endpoints.SelectMany(s => s.Endpoints)
            .Select(e => (Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, Authorization: e.Metadata.GetMetadata<FunctionAuthorization>()))
            .Where(e => e.Name is "PayoutBankCallback" or "SandboxBankSubmitPayment" or "SandboxBankGetPayment")
            .ToDictionary(e => e.Name!, e => e.Authorization);
        Assert.Same(FunctionAuthorization.Public, declared["PayoutBankCallback"]);
        Assert.Same(FunctionAuthorization.FunctionKey, declared["SandboxBankSubmitPayment"]);
        Assert.Same(FunctionAuthorization.FunctionKey, declared["SandboxBankGetPayment"]);
    }

    private Task<InProcessFunctionsApp> StartCallbackAppAsync(SandboxBankHost bank, bool withBank = false) =>
        InProcessFunctionsApp.StartAsync(
            functions =>
            {
                functions.AddPayoutCallbackFunction();
                if (withBank)
                {
                    functions.AddSandboxBankFunctions();
                }
            },
            _storage.Tables,
            new Dictionary<string, string?>
            {
                ["Payments:BankBaseUrl"] = bank.PaymentsApi.AbsoluteUri,
                ["Payments:ClientKey"] = SandboxBankHost.ClientKey,
                ["Auth:FunctionKeys:client"] = SandboxBankHost.ClientKey,
                ["Payouts:LedgerTable"] = UniqueNames.Table("payouts"),
                ["SandboxBank:TableName"] = UniqueNames.Table("bank"),
            },
            (services, configuration) =>
            {
                services.AddPayouts(configuration);
                if (withBank)
                {
                    services.AddSandboxBank(configuration);
                }
            });
}
