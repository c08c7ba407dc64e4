using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Tests.SandboxBank;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Payouts;

public sealed class HttpPaymentGatewayTests : IClassFixture<SqliteStorageFixture>
{
    private readonly SqliteStorageFixture _storage;

    public HttpPaymentGatewayTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Submit_SameKeyAndPayloadTwice_IsAcceptedBothTimes()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, SettlesLate);
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var instruction = Instruction(SandboxBankApiTests.NewKey(), 2_000);

        var first = await services.Gateway.SubmitAsync(instruction);
        var second = await services.Gateway.SubmitAsync(instruction);

        Assert.Equal(SubmissionOutcome.Accepted, first.Outcome);
        Assert.Equal(SubmissionOutcome.Accepted, second.Outcome);
        Assert.Equal(PaymentState.Pending, (await services.Gateway.QueryAsync(instruction.IdempotencyKey)).State);
    }

    [Fact]
    public async Task Submit_SameKeyWithAnotherAmount_ThrowsTheConflictNamingTheKey()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        var key = SandboxBankApiTests.NewKey();
        await services.Gateway.SubmitAsync(Instruction(key, 2_000));

        var conflict = await Assert.ThrowsAsync<IdempotencyKeyConflictException>(() => services.Gateway.SubmitAsync(Instruction(key, 2_001)));

        Assert.Equal(key, conflict.IdempotencyKey);
    }

    [Fact]
    public async Task Submit_AnswerLostToATimeout_IsUnknownNotRejected()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string> { ["TimeoutShare"] = "1", ["HangTime"] = "00:00:05", ["SettlementDelay"] = "00:01:00" });
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi, gatewayTimeout: TimeSpan.FromMilliseconds(300));
        var instruction = Instruction(SandboxBankApiTests.NewKey(), 2_000);

        var result = await services.Gateway.SubmitAsync(instruction);

        Assert.Equal(SubmissionOutcome.Unknown, result.Outcome);
        // The bank recorded the payment it never answered for; asked with the normal timeout (only submissions hang),
        // it says so.
        await using var patient = new PayoutServices(_storage.Tables, bank.PaymentsApi);
        Assert.Equal(PaymentState.Pending, (await patient.Gateway.QueryAsync(instruction.IdempotencyKey)).State);
    }

    [Fact]
    public async Task Submit_WrongBaseUrl_IsUnknownNotRejected()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        await using var services = new PayoutServices(_storage.Tables, new Uri(bank.Root, "no-such-bank/v1/"));

        var result = await services.Gateway.SubmitAsync(Instruction(SandboxBankApiTests.NewKey(), 2_000));

        Assert.Equal(SubmissionOutcome.Unknown, result.Outcome);
    }

    [Fact]
    public async Task Query_WrongBaseUrl_ThrowsUnavailableRatherThanUnknown()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        await using var services = new PayoutServices(_storage.Tables, new Uri(bank.Root, "no-such-bank/v1/"));

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => services.Gateway.QueryAsync(SandboxBankApiTests.NewKey()));
    }

    [Fact]
    public async Task Query_KeyTheBankNeverSaw_IsUnknown()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        await using var services = new PayoutServices(_storage.Tables, bank.PaymentsApi);

        var status = await services.Gateway.QueryAsync(SandboxBankApiTests.NewKey());

        Assert.Equal(PaymentState.Unknown, status.State);
    }

    [Fact]
    public async Task Query_BankUnreachable_ThrowsUnavailableRatherThanUnknown()
    {
        await using var services = new PayoutServices(_storage.Tables, new Uri($"http://127.0.0.1:{ServerlessGov.Testing.Apps.FreePort.Next()}/sandbox-bank/v1/"));

        await Assert.ThrowsAsync<PaymentGatewayUnavailableException>(() => services.Gateway.QueryAsync(SandboxBankApiTests.NewKey()));
    }

    private static readonly Dictionary<string, string> SettlesLate = new() { ["SettlementDelay"] = "00:01:00" };

    private static PaymentInstruction Instruction(string key, long fen) =>
        new(key, new PayeeAccount("acct-9009"), Money.FromFen(fen), "job-expansion subsidy 2026");
}
