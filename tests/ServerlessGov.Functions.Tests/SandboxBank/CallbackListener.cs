using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.SandboxBank;

/// <summary>A real HTTP endpoint on loopback that receives bank callbacks; it can refuse the first few to exercise retries.</summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<BankPaymentCallback> _received = new();
    private int _refusalsLeft;
    private int _attempts;

    private CallbackListener(int refuseFirst)
    {
        _refusalsLeft = refuseFirst;
    }

    /// <summary>The URL to put in an instruction.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every delivery attempt, refused ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The callbacks answered 200, in arrival order.</summary>
    public IReadOnlyList<BankPaymentCallback> Received => [.. _received];

    public static async Task<CallbackListener> StartAsync(int refuseFirst = 0)
    {
        var listener = new CallbackListener(refuseFirst);
        var (app, address) = await LoopbackWebApp.StartAsync(web => web.MapPost("/callbacks", listener.ReceiveAsync));
        listener._app = app;
        listener.Url = new Uri(address + "/callbacks");
        return listener;
    }

    /// <summary>Waits until a callback matching <paramref name="match"/> has arrived.</summary>
    public async Task<BankPaymentCallback> WaitForAsync(Func<BankPaymentCallback, bool> match, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(match) is { } callback)
            {
                return callback;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No matching callback arrived; received: {string.Join(", ", _received)}.");
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        var callback = await context.Request.ReadFromJsonAsync(BankJsonContext.Default.BankPaymentCallback);
        if (Interlocked.Decrement(ref _refusalsLeft) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        _received.Enqueue(callback!);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
