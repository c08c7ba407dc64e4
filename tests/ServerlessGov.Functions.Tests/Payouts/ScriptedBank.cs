using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Payouts;

/// <summary>
/// A bank other than the sandbox, on Kestrel at a loopback port, that answers every status query with the JSON a
/// test scripts (as some other bank might write it) and counts the submissions it receives without recording them.
/// </summary>
internal sealed class ScriptedBank : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _submissions;

    /// <summary>What <c>Payments:BankBaseUrl</c> is set to.</summary>
    public Uri PaymentsApi { get; private set; } = null!;

    /// <summary>The body of every answer to <c>GET payments/{key}</c> (200, JSON).</summary>
    public string StatusJson { get; set; } = "{}";

    /// <summary>How many submissions arrived.</summary>
    public int Submissions => Volatile.Read(ref _submissions);

    public static async Task<ScriptedBank> StartAsync()
    {
        var bank = new ScriptedBank();
        var (app, address) = await LoopbackWebApp.StartAsync(web =>
        {
            web.MapGet("/bank/v1/" + BankWire.PaymentsPath + "/{key}", () => Results.Text(bank.StatusJson, "application/json"));
            web.MapPost("/bank/v1/" + BankWire.PaymentsPath, () =>
            {
                Interlocked.Increment(ref bank._submissions);
                return Results.StatusCode(StatusCodes.Status202Accepted);
            });
        });
        bank._app = app;
        bank.PaymentsApi = new Uri(address + "/bank/v1/");
        return bank;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
