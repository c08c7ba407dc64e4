using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.SandboxBank;

public sealed class SandboxBankApiTests : IClassFixture<SqliteStorageFixture>
{
    private readonly SqliteStorageFixture _storage;

    public SandboxBankApiTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Submit_SameKeyAndPayloadTwice_AnswersTheSameAndRecordsOnePayment()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        var key = NewKey();

        using var first = await PostAsync(bank, key, Instruction("acct-1001", 50_000));
        using var second = await PostAsync(bank, key, Instruction("acct-1001", 50_000));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains(BankWire.ReplayedHeader));
        Assert.Equal("true", second.Headers.GetValues(BankWire.ReplayedHeader).Single());
        var payments = await bank.Store.QueryByPayeeAsync("acct-1001", default).ToListAsync();
        var payment = Assert.Single(payments);
        Assert.Equal(2, payment.Requests);
        Assert.Equal(50_000, payment.AmountFen);
    }

    [Fact]
    public async Task Submit_SameKeyWithAnotherAmount_Answers422NamingTheKeyAndKeepsTheFirst()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        var key = NewKey();
        using var first = await PostAsync(bank, key, Instruction("acct-2002", 50_000));

        using var second = await PostAsync(bank, key, Instruction("acct-2002", 50_001));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(key, problem.GetProperty("idempotencyKey").GetString());
        Assert.Contains(key, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var status = await bank.Client.GetFromJsonAsync($"payments/{key}", BankJsonContext.Default.BankPaymentStatus);
        Assert.Equal(50_000, status!.AmountFen);
    }

    [Theory]
    [InlineData("amountFen", """{"payeeAccount":"acct-3003","amountFen":0,"currency":"CNY","purpose":"test"}""", "greater than 0")]
    [InlineData("amountFen", """{"payeeAccount":"acct-3003","amountFen":-100,"currency":"CNY","purpose":"test"}""", "greater than 0")]
    [InlineData("amountFen", """{"payeeAccount":"acct-3003","amountFen":12.5,"currency":"CNY","purpose":"test"}""", "not valid")]
    [InlineData("currency", """{"payeeAccount":"acct-3003","amountFen":100,"currency":"USD","purpose":"test"}""", "CNY")]
    [InlineData("payeeAccount", """{"payeeAccount":"11010519491231002X","amountFen":100,"currency":"CNY","purpose":"test"}""", "pseudonymous")]
    [InlineData("payeeAccount", """{"amountFen":100,"currency":"CNY","purpose":"test"}""", "required")]
    [InlineData("purpose", """{"payeeAccount":"acct-3003","amountFen":100,"currency":"CNY"}""", "required")]
    public async Task Submit_InvalidInstruction_Answers400NamingTheFieldAndRule(string field, string json, string rule)
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        var key = NewKey();

        using var response = await PostRawAsync(bank, key, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(rule, StringComparison.Ordinal));
        using var lookup = await bank.Client.GetAsync($"payments/{key}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Submit_WithoutIdempotencyKey_Answers400NamingTheHeader()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);

        using var response = await PostRawAsync(bank, key: null, JsonSerializer.Serialize(Instruction("acct-4004", 100), BankJsonContext.Default.BankPaymentRequest));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(BankWire.IdempotencyKeyHeader, out _));
    }

    [Fact]
    public async Task Payment_AfterTheSettlementDelay_SettlesAndCallsBackWithTheKey()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, callbackUrl: listener.Url);
        var key = NewKey();

        using var accepted = await PostAsync(bank, key, Instruction("acct-5005", 12_345, listener.Url));
        var right = await bank.Client.GetFromJsonAsync($"payments/{key}", BankJsonContext.Default.BankPaymentStatus);

        Assert.Equal("pending", right!.Status);
        var callback = await listener.WaitForAsync(c => c.IdempotencyKey == key);
        Assert.Equal("settled", callback.Status);
        var later = await bank.Client.GetFromJsonAsync($"payments/{key}", BankJsonContext.Default.BankPaymentStatus);
        Assert.Equal("settled", later!.Status);
        Assert.Equal(12_345, later.AmountFen);
        Assert.True(later.UpdatedAt - later.ReceivedAt >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Payment_ToAClosedAccount_FailsWithTheReasonAndCallsBack()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string> { ["ClosedAccountSuffixes:0"] = "0000" }, callbackUrl: listener.Url);
        var key = NewKey();

        using var accepted = await PostAsync(bank, key, Instruction("acct-60000", 100, listener.Url));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var callback = await listener.WaitForAsync(c => c.IdempotencyKey == key);
        Assert.Equal("failed", callback.Status);
        Assert.Equal("account closed", callback.Reason);
        var status = await bank.Client.GetFromJsonAsync($"payments/{key}", BankJsonContext.Default.BankPaymentStatus);
        Assert.Equal("failed", status!.Status);
    }

    [Fact]
    public async Task Payment_ThatIsReturned_SettlesFirstThenComesBack()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string>
        {
            ["ReturnShare"] = "1",
            ["ReturnDelay"] = "00:00:00.300",
        }, callbackUrl: listener.Url);
        var key = NewKey();

        using var accepted = await PostAsync(bank, key, Instruction("acct-7007", 100, listener.Url));

        var returned = await listener.WaitForAsync(c => c.IdempotencyKey == key && c.Status == "returned");
        var settled = Assert.Single(listener.Received, c => c.IdempotencyKey == key && c.Status == "settled");
        Assert.True(returned.Version > settled.Version);
        Assert.NotNull(returned.Reason);
        var status = await bank.Client.GetFromJsonAsync($"payments/{key}", BankJsonContext.Default.BankPaymentStatus);
        Assert.Equal("returned", status!.Status);
    }

    [Fact]
    public async Task Callback_ReceiverRefusesTwice_IsRetriedUntilDeliveredOnce()
    {
        await using var listener = await CallbackListener.StartAsync(refuseFirst: 2);
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string> { ["CallbackRetryDelay"] = "00:00:00.100" }, callbackUrl: listener.Url);
        var key = NewKey();

        using var accepted = await PostAsync(bank, key, Instruction("acct-8008", 100, listener.Url));

        var callback = await listener.WaitForAsync(c => c.IdempotencyKey == key);
        Assert.Equal("settled", callback.Status);
        Assert.Equal(3, listener.Attempts);
        await Task.Delay(300);
        Assert.Single(listener.Received);
    }

    [Fact]
    public async Task Bank_CallerWithoutTheClientsCredential_Answers401AndRecordsNothing()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        using var anonymous = new HttpClient { BaseAddress = bank.PaymentsApi };
        var key = NewKey();
        using var request = new HttpRequestMessage(HttpMethod.Post, BankWire.PaymentsPath)
        {
            Content = JsonContent.Create(Instruction("acct-9009", 100), BankJsonContext.Default.BankPaymentRequest),
        };
        request.Headers.Add(BankWire.IdempotencyKeyHeader, key);

        using var submitted = await anonymous.SendAsync(request);
        using var queried = await anonymous.GetAsync($"payments/{key}");

        Assert.Equal(HttpStatusCode.Unauthorized, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, queried.StatusCode);
        Assert.Null(await bank.Store.GetAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Submit_CallbackUrlThatIsNotTheAppsOwn_Answers400AndNothingIsCalledOrRecorded()
    {
        await using var elsewhere = await CallbackListener.StartAsync();
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        var key = NewKey();

        using var response = await PostAsync(bank, key, Instruction("acct-9010", 100, elsewhere.Url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("own payout callback endpoint", problem.GetProperty("errors").GetProperty("callbackUrl")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await bank.Store.GetAsync(key, CancellationToken.None));
        await Task.Delay(700);
        Assert.Equal(0, elsewhere.Attempts);
    }

    internal static string NewKey() => "test-" + Guid.NewGuid().ToString("N");

    private static BankPaymentRequest Instruction(string account, long amountFen, Uri? callback = null) =>
        new(account, amountFen, "CNY", "sample policy 2026-11", callback);

    private static Task<HttpResponseMessage> PostAsync(SandboxBankHost bank, string key, BankPaymentRequest body) =>
        PostRawAsync(bank, key, JsonSerializer.Serialize(body, BankJsonContext.Default.BankPaymentRequest));

    private static async Task<HttpResponseMessage> PostRawAsync(SandboxBankHost bank, string? key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BankWire.PaymentsPath)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add(BankWire.IdempotencyKeyHeader, key);
        }

        return await bank.Client.SendAsync(request);
    }
}
