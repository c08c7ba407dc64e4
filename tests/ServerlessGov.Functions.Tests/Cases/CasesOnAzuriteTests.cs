using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Cases.Triggers;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Tests.Support;
using ServerlessGov.Testing.Azurite;
using static ServerlessGov.Functions.Tests.Cases.TestFact;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The publish → run → pay flow on Azure Storage: the real app on a real Azurite (the pinned npm package, started by
/// the tests; without Node.js the test fails naming it), its engine, queues, ledger and sandbox bank all on Azurite.
/// </summary>
[Collection(SharesAzuriteAppQueues.Name)]
public sealed class CasesOnAzuriteTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task PublishSamples_OnAzurite_PaysTheProvenOnceReviewsTheUnknownAndARerunPaysNoOneTwice()
    {
        var azurite = await AzuriteServer.GetAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        // Azurite is shared by the test process: a hub of its own keeps other tests' apps away from these instances.
        await using var app = await CaseTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = "CasesE2e" + run,
        });
        string Id(string name) => $"r-az{run}-{name}";
        await app.ImportAsync(
            new TestSubject(Id("proven"), SubjectKind.Resident, BirthDate(Today.AddYears(-85)), District("余杭区"), Deceased(false), Retirement("enterprise")),
            new TestSubject(Id("unknown"), SubjectKind.Resident, BirthDate(Today.AddYears(-91)), District("余杭区"), Deceased(false, DateTimeOffset.UtcNow.AddDays(-201)), Retirement("none")),
            new TestSubject(Id("young"), SubjectKind.Resident, BirthDate(Today.AddYears(-40)), District("余杭区"), Deceased(false), Retirement("none")));

        await app.PublishSamplesAsync();
        // The announcement on the shared policy-runs queue may be taken by another test's app: start this hub's runs too.
        var starter = (PolicyRunStarter)app.Services.GetService(typeof(PolicyRunStarter))!;
        await starter.StartAsync("enterprise-retiree-holiday", 1, "e2e");
        await starter.StartAsync("old-age-allowance", 1, "e2e");

        var month = PolicyPeriod.Month(new BusinessDate(Today)).Name;
        var holiday = CaseIds.Case("enterprise-retiree-holiday", Id("proven"), PolicyPeriod.Once);
        await PolicyRunEndToEndTests.WaitForOutcomeAsync(app, holiday, CaseOutcome.Paid, Wait);
        await PolicyRunEndToEndTests.WaitForStageAsync(app, CaseIds.Case("old-age-allowance", Id("proven"), month), CaseStage.Paid, Wait);
        await PolicyRunEndToEndTests.WaitForStageAsync(app, CaseIds.Case("old-age-allowance", Id("unknown"), month), CaseStage.InReview, Wait);

        var rerun = await starter.StartAsync("enterprise-retiree-holiday", 1, "manual-" + run);
        var summary = await app.Durable.WaitForInstanceCompletionAsync(rerun, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, summary.RuntimeStatus);
        foreach (var (policy, period) in new[] { ("enterprise-retiree-holiday", PolicyPeriod.Once), ("old-age-allowance", month) })
        {
            var key = new PayoutKey(policy, new SubjectId(Id("proven")), period);
            var record = await app.Ledger.GetAsync(key);
            Assert.Equal(PayoutState.Settled, record!.State);
            Assert.Equal(1, record.Submissions);
            var payment = await app.Bank.GetAsync(await app.BankKeyAsync(key), CancellationToken.None);
            Assert.Equal(PaymentState.Settled, payment!.Status);
            Assert.Equal(1, payment.Requests);
            Assert.Equal(record.Amount.Fen, payment.AmountFen);
        }

        Assert.Null(await app.Ledger.GetAsync(new PayoutKey("old-age-allowance", new SubjectId(Id("unknown")), month)));
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Case("enterprise-retiree-holiday", Id("young"), PolicyPeriod.Once), getInputsAndOutputs: true));
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Allowance("old-age-allowance", Id("young")), getInputsAndOutputs: true));
    }
}
