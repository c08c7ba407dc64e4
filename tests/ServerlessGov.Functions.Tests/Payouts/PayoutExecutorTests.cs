using System.Text.Json.Nodes;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Tests.SandboxBank;
using ServerlessGov.Testing.Apps;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Payouts;

public sealed class PayoutExecutorTests : IClassFixture<SqliteStorageFixture>
{
    /// <summary>
    /// How long the executor waits for any answer from the bank. Only submissions hang (for <see cref="LostAnswerHang"/>,
    /// far longer); the bank's answers to queries must still arrive within it on a loaded 2-core CI machine, where a
    /// first call took over half a second, and a query that times out is rightly "bank unavailable, try later".
    /// </summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(3);

    private const string LostAnswerHang = "00:00:15";

    private readonly SqliteStorageFixture _storage;

    public PayoutExecutorTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Pay_BankRecordsThePaymentButTheAnswerTimesOut_RerunsNeverPayTwice()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string>
        {
            ["TimeoutShare"] = "1",
            ["HangTime"] = LostAnswerHang,
            // Settles well after the first answer has timed out, so the reruns find the payment still pending.
            ["SettlementDelay"] = "00:00:10",
        });
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi, gatewayTimeout: AnswerTimeout);
        var key = await RegisterAsync(services, "T-0001", "acct-1101", 80_000);

        var first = await services.Executor().PayAsync(key);

        Assert.Equal(PayoutState.Sent, first.State);
        Assert.True(first.OutcomeUnknown);
        Assert.Null(first.InstructedAt);
        var recorded = Assert.Single(await bank.Store.QueryByPayeeAsync("acct-1101", default).ToListAsync());
        Assert.Equal(PaymentState.Pending, recorded.Status);

        var rerun = await services.Executor().PayAsync(key);
        var concurrent = await Task.WhenAll(services.Executor().PayAsync(key), services.Executor().PayAsync(key));

        Assert.Equal(PayoutState.Sent, rerun.State);
        Assert.False(rerun.OutcomeUnknown);
        Assert.All(concurrent, r => Assert.Equal(PayoutState.Sent, r.State));
        var settled = await Eventually.ReturnsAsync(
            async () => (await Task.WhenAll(services.Executor().PayAsync(key), services.Executor().PayAsync(key)))[0],
            r => r.State == PayoutState.Settled,
            "the payout to settle",
            TimeSpan.FromSeconds(60));
        var payment = Assert.Single(await bank.Store.QueryByPayeeAsync("acct-1101", default).ToListAsync());
        Assert.Equal(1, payment.Requests);
        Assert.Equal(80_000, payment.AmountFen);
        Assert.Equal(1, settled.Submissions);
        Assert.Equal(settled.IdempotencyKey, payment.IdempotencyKey);
        Assert.NotNull(rerun.InstructedAt);
        Assert.Equal(rerun.InstructedAt, settled.InstructedAt);
    }

    [Fact]
    public async Task Pay_TwiceAtOnceWhileEveryAnswerIsLost_SubmitsOnce()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string>
        {
            ["TimeoutShare"] = "1",
            ["HangTime"] = LostAnswerHang,
        });
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi, gatewayTimeout: AnswerTimeout);
        var key = await RegisterAsync(services, "T-0002", "acct-1102", 80_000);

        var results = await Task.WhenAll(services.Executor().PayAsync(key), services.Executor().PayAsync(key));

        Assert.All(results, r => Assert.Equal(PayoutState.Sent, r.State));
        var payment = Assert.Single(await bank.Store.QueryByPayeeAsync("acct-1102", default).ToListAsync());
        Assert.Equal(1, payment.Requests);
        Assert.Equal(1, (await services.Ledger.GetAsync(key))!.Submissions);
    }

    [Fact]
    public async Task Pay_FourExecutorsAtOnceOnAFreshPayout_SubmitOnceAndSettle()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, SettlesInTwoSeconds);
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = await RegisterAsync(services, "T-0003", "acct-1103", 123_45);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => services.Executor().PayAsync(key))));

        Assert.All(results, r => Assert.Equal(PayoutState.Sent, r.State));
        var settled = await Eventually.ReturnsAsync(() => services.Executor().PayAsync(key), r => r.State == PayoutState.Settled, "the payout to settle");
        var payment = Assert.Single(await bank.Store.QueryByPayeeAsync("acct-1103", default).ToListAsync());
        Assert.Equal(1, payment.Requests);
        Assert.Equal(1, settled.Submissions);
        Assert.Equal(Money.FromFen(123_45), settled.Amount);
    }

    [Fact]
    public async Task Reconcile_OnTheBanksCallback_SettlesTheLedger()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, SettlesInTwoSeconds, callbackUrl: listener.Url);
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi, callbackUrl: listener.Url);
        var key = await RegisterAsync(services, "T-0004", "acct-1104", 500_00);

        var sent = await services.Executor().PayAsync(key);
        var callback = await listener.WaitForAsync(c => c.IdempotencyKey == sent.IdempotencyKey);
        var reconciled = await services.Executor().ReconcileAsync(callback.IdempotencyKey);

        Assert.Equal(PayoutState.Sent, sent.State);
        Assert.Equal(PayoutState.Settled, reconciled!.State);
        Assert.Equal(PayoutState.Settled, (await services.Ledger.GetAsync(key))!.State);
        Assert.Equal(sent.UpdatedAt, sent.InstructedAt);
        Assert.Equal(sent.InstructedAt, reconciled.InstructedAt);
        Assert.True(reconciled.UpdatedAt > sent.InstructedAt, "settling changes the record, not the time the bank took the instruction");
    }

    [Fact]
    public async Task Pay_ToAClosedAccount_EndsFailedWithTheBanksReasonAndIsNotRetried()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string> { ["ClosedAccountSuffixes:0"] = "99" });
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = await RegisterAsync(services, "T-0005", "acct-110599", 100);

        await services.Executor().PayAsync(key);
        var failed = await Eventually.ReturnsAsync(() => services.Executor().PayAsync(key), r => r.State == PayoutState.Failed, "the payout to fail");
        var again = await services.Executor().PayAsync(key);

        Assert.Equal("account closed", failed.Reason);
        Assert.Equal(PayoutState.Failed, again.State);
        var payment = Assert.Single(await bank.Store.QueryByPayeeAsync("acct-110599", default).ToListAsync());
        Assert.Equal(1, payment.Requests);
    }

    [Fact]
    public async Task Reconcile_PaymentReturnedAfterSettling_LedgerShowsReturned()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string>
        {
            ["ReturnShare"] = "1",
            ["ReturnDelay"] = "00:00:00.300",
        });
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = await RegisterAsync(services, "T-0006", "acct-1106", 100);

        var sent = await services.Executor().PayAsync(key);
        await Eventually.ReturnsAsync(() => services.Executor().PayAsync(key), r => r.State == PayoutState.Settled, "the payout to settle");
        var returned = await Eventually.ReturnsAsync(
            () => services.Executor().ReconcileAsync(sent.IdempotencyKey), r => r!.State == PayoutState.Returned, "the payout to come back");

        Assert.NotNull(returned!.Reason);
        Assert.Equal(PayoutState.Returned, (await services.Executor().PayAsync(key)).State);
    }

    [Fact]
    public async Task Pay_WhileTheBankIsDown_StaysUnpaidNotFailed_ThenPaysOnceWhenItIsBack()
    {
        var port = FreePort.Next();
        await using var services = new PayoutServices(_storage.Tables, new Uri($"http://127.0.0.1:{port}/api/{SandboxBankApi.Route}/"), gatewayTimeout: TimeSpan.FromSeconds(2));
        var key = await RegisterAsync(services, "T-0007", "acct-1107", 100);

        var whileDown = await services.Executor().PayAsync(key);

        Assert.Equal(PayoutState.Pending, whileDown.State);
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, SettlesInTwoSeconds, port);
        var sent = await services.Executor().PayAsync(key);
        Assert.Equal(PayoutState.Sent, sent.State);
        var payment = Assert.Single(await bank.Store.QueryByPayeeAsync("acct-1107", default).ToListAsync());
        Assert.Equal(1, payment.Requests);
    }

    [Fact]
    public async Task Pay_BankHoldsAnotherAmountUnderThePayoutsKey_RecordsAConflictAndPaysNothing()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, SettlesInTwoSeconds);
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = await RegisterAsync(services, "T-0008", "acct-1108", 100_00);
        var registered = (await services.Ledger.GetAsync(key))!;
        await services.Gateway.SubmitAsync(new PaymentInstruction(registered.IdempotencyKey, new PayeeAccount("acct-1108"), Money.FromFen(999_00), "holiday payment 2026"));

        var paid = await services.Executor().PayAsync(key);

        Assert.Equal(PayoutState.Conflict, paid.State);
        Assert.Equal(PayoutState.Conflict, (await services.Ledger.GetAsync(key))!.State);
        Assert.Contains("amount", paid.Reason, StringComparison.Ordinal);
        var payment = Assert.Single(await bank.Store.QueryByPayeeAsync("acct-1108", default).ToListAsync());
        Assert.Equal((999_00, 1), (payment.AmountFen, payment.Requests));
    }

    [Fact]
    public async Task Pay_SameAmountToAnotherAccountAlreadyUnderTheKey_IsAConflictNeverASuccessAndAlertsWithoutTheAccount()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, SettlesInTwoSeconds);
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = await RegisterAsync(services, "T-0010", "acct-resident-1110", 300_00);
        var registered = (await services.Ledger.GetAsync(key))!;
        await services.Gateway.SubmitAsync(new PaymentInstruction(registered.IdempotencyKey, new PayeeAccount("acct-outsider-9999"), Money.FromFen(300_00), registered.Purpose));

        var first = await services.Executor().PayAsync(key);
        var again = await services.Executor().PayAsync(key);
        var reconciled = await services.Executor().ReconcileAsync(registered.IdempotencyKey);

        Assert.All([first, again, reconciled!], r => Assert.Equal(PayoutState.Conflict, r.State));
        Assert.Equal(0, again.Submissions);
        Assert.Contains("payee account", first.Reason, StringComparison.Ordinal);
        Assert.Empty(await bank.Store.QueryByPayeeAsync("acct-resident-1110", default).ToListAsync());
        var alert = Assert.Single(services.Logs.GetSnapshot(), l => l.Id.Id == 4004);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Critical, alert.Level);
        Assert.Contains(registered.IdempotencyKey, alert.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("acct-", alert.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Another bank states what it holds under the key in its own way. Only the ledger's own account, amount,
    /// currency and purpose, written exactly as the ledger writes them, are "the same payment"; an account in another
    /// case or spacing, one that is no valid reference (an identity number), or a detail left out is a conflict:
    /// never taken as the ledger's payment, never a crash, and nothing submitted.
    /// </summary>
    [Theory]
    [InlineData("ACCT-RESIDENT-1120", 300_00, "CNY", Purpose, "payee account")]
    [InlineData(" acct-resident-1120", 300_00, "CNY", Purpose, "payee account")]
    [InlineData("11010519491231002X", 300_00, "CNY", Purpose, "payee account")]
    [InlineData("", 300_00, "CNY", Purpose, "payee account")]
    [InlineData(null, 300_00, "CNY", Purpose, "payee account (the bank does not state it)")]
    [InlineData("acct-resident-1120", 300_01, "CNY", Purpose, "amount")]
    [InlineData("acct-resident-1120", null, "CNY", Purpose, "amount (the bank does not state it)")]
    [InlineData("acct-resident-1120", 300_00, "cny", Purpose, "currency")]
    [InlineData("acct-resident-1120", 300_00, null, Purpose, "currency (the bank does not state it)")]
    [InlineData("acct-resident-1120", 300_00, "CNY", null, "purpose (the bank does not state it)")]
    public async Task Pay_AnotherBankStatesThePaymentUnderTheKeyDifferently_IsAConflictNeverTheSamePayment(string? account, int? fen, string? currency, string? purpose, string differs)
    {
        await using var bank = await ScriptedBank.StartAsync();
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = await RegisterAsync(services, "T-0020", "acct-resident-1120", 300_00);
        var registered = (await services.Ledger.GetAsync(key))!;
        bank.StatusJson = BankStatus(registered.IdempotencyKey, account, fen, currency, purpose);

        var paid = await services.Executor().PayAsync(key);

        Assert.Equal(PayoutState.Conflict, paid.State);
        Assert.Contains(differs, paid.Reason, StringComparison.Ordinal);
        Assert.Equal(PayoutState.Conflict, (await services.Ledger.GetAsync(key))!.State);
        Assert.Equal(0, bank.Submissions);
        var alert = Assert.Single(services.Logs.GetSnapshot(), l => l.Id.Id == 4004);
        Assert.DoesNotContain("acct-", alert.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("11010519491231002X", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pay_AnotherBankStatesExactlyTheLedgersPayment_TakesItsAnswer()
    {
        await using var bank = await ScriptedBank.StartAsync();
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = await RegisterAsync(services, "T-0021", "acct-resident-1121", 300_00);
        var registered = (await services.Ledger.GetAsync(key))!;
        bank.StatusJson = BankStatus(registered.IdempotencyKey, "acct-resident-1121", 300_00, "CNY", Purpose);

        var paid = await services.Executor().PayAsync(key);

        Assert.Equal(PayoutState.Settled, paid.State);
        Assert.Equal(0, bank.Submissions);
    }

    [Fact]
    public async Task Pay_PayoutNeverRegistered_ThrowsWithoutAskingTheBank()
    {
        await using var services = new PayoutServices(_storage.Tables, new Uri("http://127.0.0.1:9/"));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            services.Executor().PayAsync(new PayoutKey("holiday-payment", new SubjectId("T-0009"), "2026-spring")));
    }

    private const string Purpose = "holiday payment 2026";

    /// <summary>A settled payment as a bank states it; a null detail is written as JSON null (not stated).</summary>
    private static string BankStatus(string idempotencyKey, string? account, long? fen, string? currency, string? purpose) => new JsonObject
    {
        ["idempotencyKey"] = idempotencyKey,
        ["status"] = "settled",
        ["amountFen"] = fen,
        ["currency"] = currency,
        ["receivedAt"] = "2026-03-01T08:00:00Z",
        ["updatedAt"] = "2026-03-01T08:00:00Z",
        ["payeeAccount"] = account,
        ["purpose"] = purpose,
    }.ToJsonString();

    private static readonly Dictionary<string, string> SettlesInTwoSeconds = new() { ["SettlementDelay"] = "00:00:02" };

    private static async Task<PayoutKey> RegisterAsync(PayoutServices services, string subject, string account, long fen)
    {
        var key = new PayoutKey("holiday-payment", new SubjectId(subject + "-" + Guid.NewGuid().ToString("N")[..8]), "2026-spring");
        await services.Ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(fen), new PayeeAccount(account), Purpose));
        return key;
    }
}
