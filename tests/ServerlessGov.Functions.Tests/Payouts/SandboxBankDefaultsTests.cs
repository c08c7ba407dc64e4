using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Tests.Cases;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PaymentFailureTests;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;

namespace ServerlessGov.Functions.Tests.Payouts;

/// <summary>The app's default bank is its own sandbox, wherever the app actually listens: never a guessed port another program may hold.</summary>
public sealed class SandboxBankDefaultsTests
{
    [Fact]
    public async Task Payment_AppListensElsewhereThanItsConfiguredPort_PaysIntoItsOwnSandboxAndNeverCallsThatPort()
    {
        // Another local app holds the port local settings name; this app was told to listen elsewhere (as tests and
        // `--urls` do).
        using var otherApp = new TcpListener(IPAddress.Loopback, 0);
        otherApp.Start();
        var otherPort = ((IPEndPoint)otherApp.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        const string subject = "r-own-bank-1";
        const string policy = "enterprise-retiree-holiday";
        await using var app = await StartAsync(settings: new Dictionary<string, string?> { ["Host:LocalHttpPort"] = otherPort });
        await app.ImportAsync(Retiree(subject));

        await PublishSampleAsync(app, policy);
        await WaitForOutcomeAsync(app, CaseIds.Case(policy, subject, PolicyPeriod.Once), CaseOutcome.Paid);

        var record = await app.Ledger.GetAsync(new PayoutKey(policy, new SubjectId(subject), PolicyPeriod.Once));
        Assert.Equal(PayoutState.Settled, record!.State);
        Assert.Equal(1, (await app.Bank.GetAsync(record.IdempotencyKey, CancellationToken.None))!.Requests);
        Assert.False(otherApp.Pending(), "the app connected to the port its settings name instead of where it listens");
    }
}
