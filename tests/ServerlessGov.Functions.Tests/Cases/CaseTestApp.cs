using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Hosting;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The real function app in this process (its own catalog and services, the real registry, policy catalog, review
/// orchestration, ledger and sandbox bank) on Kestrel on a loopback port, over a SQLite file or another storage
/// connection, with short timings so cases finish in seconds.
/// </summary>
internal sealed class CaseTestApp : IAsyncDisposable
{
    public const string DevSigningKey = "cases-test-signing-key-0123456789abcdef0123";

    /// <summary>The secret payout keys are keyed with in these apps, so a test can tell which key a payout will have.</summary>
    public const string IdempotencySecret = "Y2FzZXMtdGVzdC1wYXlvdXQta2V5LXNlY3JldC0wMTIzNDU2Nzg5YWI=";

    private readonly WebApplication _app;
    private bool _stopped;

    private CaseTestApp(WebApplication app, string directory)
    {
        _app = app;
        Directory = directory;
    }

    public string Directory { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public SubjectRegistry Registry => Services.GetRequiredService<SubjectRegistry>();

    public PayoutLedger Ledger => Services.GetRequiredService<PayoutLedger>();

    public SandboxPaymentStore Bank => Services.GetRequiredService<SandboxPaymentStore>();

    public ITableStore Tables => Services.GetRequiredService<ITableStore>();

    public static async Task<CaseTestApp> StartAsync(IDictionary<string, string?>? settings = null, string? directory = null, Action<IServiceCollection>? services = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "serverlessgov-cases-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "Data Source=store.db",
            ["Auth:DevSigningKey"] = DevSigningKey,
            // Long enough for a first call to the in-process bank on a busy CI machine: a call that takes longer counts
            // as "bank unavailable" and leaves the payment to a later attempt. Tests of a bank that hangs set their own.
            ["Payments:Timeout"] = "00:00:06",
            ["Payouts:SubmissionLease"] = "00:00:10",
            ["Payouts:IdempotencySecret"] = IdempotencySecret,
            ["SandboxBank:SettlementDelay"] = "00:00:00.300",
            ["SandboxBank:PollInterval"] = "00:00:00.100",
            ["Cases:SettlementPollInterval"] = "00:00:02",
            ["Cases:PaymentRetryDelay"] = "00:00:00.500",
            ["Cases:ReturnWatch"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "host.json"), JsonSerializer.Serialize(new { version = "2.0" }));
        await File.WriteAllTextAsync(Path.Combine(directory, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = values.Where(v => v.Value is not null).ToDictionary(v => v.Key.Replace(":", "__", StringComparison.Ordinal), v => v.Value),
        }));
        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(AppFunctions.Declare);
        builder.AddApplicationServices();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new CaseTestApp(app, directory);
    }

    /// <summary>The idempotency key the bank knows <paramref name="key"/>'s payout by, as its ledger record keeps it.</summary>
    public async Task<string> BankKeyAsync(PayoutKey key) => (await Ledger.GetAsync(key))!.IdempotencyKey;

    /// <summary>The idempotency key a payout registered by these apps gets.</summary>
    public static string KeyFor(PayoutKey key) =>
        new PayoutKeySigner(Microsoft.Extensions.Options.Options.Create(new PayoutOptions { IdempotencySecret = IdempotencySecret })).IdempotencyKeyFor(key);

    /// <summary>Puts subjects into the real registry: each with its facts (fact, source, value) as of yesterday.</summary>
    public async Task ImportAsync(params TestSubject[] subjects)
    {
        var now = DateTimeOffset.UtcNow;
        var updates = subjects.Select(s => new SubjectUpdate(new SubjectId(s.Id), s.Kind, null,
            s.Facts.Select(f => new StoredObservation(f.Fact, f.Source, f.Value, f.AsOf ?? now.AddDays(-1), now, "test")).ToList())).ToList();
        await Registry.EnsureCreatedAsync();
        foreach (var update in updates)
        {
            await Registry.ApplyAsync([update]);
        }
    }

    /// <summary>Publishes the twelve sample policies through the real lifecycle (which announces them on the policy-runs queue).</summary>
    public Task PublishSamplesAsync() => Services.GetRequiredService<PolicyLifecycle>().PublishSamplesAsync(PolicyActor.System);

    /// <summary>Waits until <paramref name="condition"/> holds, or fails naming what was awaited.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(condition, what, static () => null, timeout);

    /// <summary>Waits until <paramref name="condition"/> holds, or fails naming what was awaited and what <paramref name="lastSeen"/> says was seen last.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<string?> lastSeen, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(lastSeen() is { } seen ? $"Timed out waiting for {what}; last seen: {seen}." : $"Timed out waiting for {what}.");
    }

    /// <summary>Stops the app as a process shutdown would, leaving its store in the directory for an app started on it next.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held briefly; temp files are harmless.
        }
    }
}

/// <summary>A subject to import: id, kind and facts.</summary>
internal sealed record TestSubject(string Id, SubjectKind Kind, params TestFact[] Facts);

/// <summary>One fact with its source; as of yesterday unless given.</summary>
internal sealed record TestFact(string Fact, string Source, RuleValue Value, DateTimeOffset? AsOf = null)
{
    public static TestFact BirthDate(DateOnly date) => new("birth_date", "hukou", RuleValue.Date(date));

    public static TestFact District(string district) => new("household.district", "hukou", RuleValue.Text(district));

    public static TestFact Deceased(bool deceased, DateTimeOffset? asOf = null) => new("deceased", "police", RuleValue.Bool(deceased), asOf);

    public static TestFact Retirement(string type) => new("retirement.type", "hrss", RuleValue.Text(type));
}
