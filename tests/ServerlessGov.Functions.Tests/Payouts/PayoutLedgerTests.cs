using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Payouts;

public sealed class PayoutLedgerTests : IClassFixture<SqliteStorageFixture>
{
    private static readonly Uri UnusedBank = new("http://127.0.0.1:9/");
    private readonly SqliteStorageFixture _storage;

    public PayoutLedgerTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Register_SamePayoutFromSixteenTasksAtOnce_CreatesOneRecordAndKeepsTheFirstAmount()
    {
        await using var services = new PayoutServices(_storage.Tables, UnusedBank);
        var ledger = services.Ledger;
        var key = Key("R-0001", "2026-11");

        var registrations = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(10_000 + i), new PayeeAccount("acct-0001"), "old-age allowance 2026-11")))));

        var created = Assert.Single(registrations, r => r.Created);
        Assert.All(registrations, r => Assert.Equal(created.Record.Amount, r.Record.Amount));
        Assert.All(registrations, r => Assert.Equal(created.Record.CreatedAt, r.Record.CreatedAt));
        var stored = await ledger.GetAsync(key);
        Assert.Equal(created.Record.Amount, stored!.Amount);
        Assert.Equal(PayoutState.Pending, stored.State);
    }

    [Fact]
    public async Task Register_AnotherPolicyVersionForTheSamePeriod_ReturnsTheExistingPayout()
    {
        await using var services = new PayoutServices(_storage.Tables, UnusedBank);
        var key = Key("R-0002", "once");
        var first = await services.Ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(50_000), new PayeeAccount("acct-0002"), "holiday payment v1"));

        var again = await services.Ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(60_000), new PayeeAccount("acct-0002"), "holiday payment v2"));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(Money.FromFen(50_000), again.Record.Amount);
        Assert.Equal("holiday payment v1", again.Record.Purpose);
    }

    [Fact]
    public async Task TryUpdate_FromAStaleRead_LosesAndReturnsTheWinnersRecord()
    {
        await using var services = new PayoutServices(_storage.Tables, UnusedBank);
        var ledger = services.Ledger;
        var key = Key("R-0003", "2026-12");
        await ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(100), new PayeeAccount("acct-0003"), "test"));
        var readByA = (await ledger.GetAsync(key))!;
        var readByB = (await ledger.GetAsync(key))!;

        var a = await ledger.TryUpdateAsync(readByA, readByA with { State = PayoutState.Sent, Submissions = 1 });
        var b = await ledger.TryUpdateAsync(readByB, readByB with { State = PayoutState.Failed, Reason = "stale writer" });

        Assert.True(a.Applied);
        Assert.False(b.Applied);
        Assert.Equal(PayoutState.Sent, b.Record.State);
        Assert.Null(b.Record.Reason);
        Assert.Equal(PayoutState.Sent, (await ledger.GetAsync(key))!.State);
    }

    [Theory]
    [InlineData(PayoutState.Settled, PayoutState.Sent)]
    [InlineData(PayoutState.Settled, PayoutState.Failed)]
    [InlineData(PayoutState.Failed, PayoutState.Settled)]
    [InlineData(PayoutState.Returned, PayoutState.Settled)]
    [InlineData(PayoutState.Sent, PayoutState.Pending)]
    public async Task TryUpdate_BackwardsOrOutOfAFinalState_IsRefused(PayoutState from, PayoutState to)
    {
        await using var services = new PayoutServices(_storage.Tables, UnusedBank);
        var ledger = services.Ledger;
        var key = Key("R-0004", "2026-" + from);
        var record = (await ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(100), new PayeeAccount("acct-0004"), "test"))).Record;
        record = (await ledger.TryUpdateAsync(record, record with { State = from })).Record;

        await Assert.ThrowsAsync<PayoutTransitionException>(() => ledger.TryUpdateAsync(record, record with { State = to }));
        Assert.Equal(from, (await ledger.GetAsync(key))!.State);
    }

    [Fact]
    public async Task TryUpdate_ChangingTheAmount_IsRefused()
    {
        await using var services = new PayoutServices(_storage.Tables, UnusedBank);
        var record = (await services.Ledger.RegisterAsync(new PayoutRequest(Key("R-0005", "once"), Money.FromFen(100), new PayeeAccount("acct-0005"), "test"))).Record;

        await Assert.ThrowsAsync<PayoutTransitionException>(() =>
            services.Ledger.TryUpdateAsync(record, record with { Amount = Money.FromFen(101), State = PayoutState.Sent }));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(30L)]
    [InlineData(123_456_789_012_345L)]
    public async Task Register_Amount_ReadsBackToTheFen(long fen)
    {
        await using var services = new PayoutServices(_storage.Tables, UnusedBank);
        var key = Key("R-0006", "f" + fen);
        var amount = Money.FromFen(fen);

        await services.Ledger.RegisterAsync(new PayoutRequest(key, amount, new PayeeAccount("acct-0006"), "test"));

        Assert.Equal(fen, (await services.Ledger.GetAsync(key))!.Amount.Fen);
    }

    [Fact]
    public void IdempotencyKey_SamePayoutAndSecret_IsTheSameEveryTimeHidesThePartsAndCannotBeComputedWithoutTheSecret()
    {
        var signer = Signer(PayoutServices.Secret);
        var key = Key("R-0007", "2026-11");
        var idempotencyKey = signer.IdempotencyKeyFor(key);

        Assert.Equal(idempotencyKey, Signer(PayoutServices.Secret).IdempotencyKeyFor(Key("R-0007", "2026-11")));
        Assert.NotEqual(idempotencyKey, signer.IdempotencyKeyFor(Key("R-0007", "2026-12")));
        Assert.NotEqual(idempotencyKey, signer.IdempotencyKeyFor(new PayoutKey("childcare-subsidy", new SubjectId("R-0007"), "2026-11")));
        Assert.NotEqual(idempotencyKey, Signer(OtherSecret).IdempotencyKeyFor(key));
        Assert.NotEqual(idempotencyKey, key.LedgerId);
        Assert.DoesNotContain("R-0007", idempotencyKey, StringComparison.Ordinal);
        Assert.True(IdempotencyKeys.IsValid(idempotencyKey));
        Assert.Empty(TableRulesViolations(idempotencyKey));
        Assert.Empty(TableRulesViolations(key.LedgerId));
    }

    [Fact]
    public async Task Register_AfterTheSecretChanged_FindsTheSamePayoutAndKeepsTheKeyItWasRegisteredWith()
    {
        var table = UniqueNames.Table("payouts");
        await using var before = new PayoutServices(_storage.Tables, UnusedBank, secret: PayoutServices.Secret, ledgerTable: table);
        await using var after = new PayoutServices(_storage.Tables, UnusedBank, secret: OtherSecret, ledgerTable: table);
        var key = Key("R-0008", "2026-11");

        var first = await before.Ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(100_00), new PayeeAccount("acct-0008"), "test"));
        var again = await after.Ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(100_00), new PayeeAccount("acct-0008"), "test"));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Record.IdempotencyKey, again.Record.IdempotencyKey);
        Assert.Equal(first.Record.IdempotencyKey, (await after.Ledger.GetAsync(first.Record.IdempotencyKey))!.IdempotencyKey);
        Assert.Null(await after.Ledger.GetAsync(Signer(OtherSecret).IdempotencyKeyFor(key)));
        Assert.Equal(1, await after.Ledger.ReadAllAsync().CountAsync(r => r.Key == key));
    }

    [Fact]
    public async Task Get_ByTheLedgersOwnIdInsteadOfTheBanksKey_FindsNothing()
    {
        await using var services = new PayoutServices(_storage.Tables, UnusedBank);
        var key = Key("R-0009", "2026-11");
        var registered = await services.Ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(100), new PayeeAccount("acct-0009"), "test"));

        Assert.NotNull(await services.Ledger.GetAsync(registered.Record.IdempotencyKey));
        Assert.Null(await services.Ledger.GetAsync(key.LedgerId));
    }

    private const string OtherSecret = "b3RoZXItcGF5b3V0LXNlY3JldC1hZnRlci10aGUtcm90YXRpb24tMDEyMzQ1";

    private static PayoutKeySigner Signer(string secret) =>
        new(Microsoft.Extensions.Options.Options.Create(new PayoutOptions { IdempotencySecret = secret }));

    private static PayoutKey Key(string subject, string period) => new("old-age-allowance", new SubjectId(subject), period);

    private static IEnumerable<string> TableRulesViolations(string key)
    {
        try
        {
            TableRules.ValidateKey(key, "RowKey");
            return [];
        }
        catch (ServerlessGov.Storage.StorageException ex)
        {
            return [ex.Message];
        }
    }
}
