using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions.Payouts.BankProtocol;

namespace ServerlessGov.Functions.Tests.SandboxBank;

/// <summary>A real HTTP endpoint on loopback that receives bank callbacks; it can refuse the first few to exercise retries.</summary>
internal sealed class CallbackListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<BankPaymentCallback> _received = new();
    private int _refusalsLeft;
    private int _attempts;

    private CallbackListener(WebApplication app, int refuseFirst)
    {
        _app = app;
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new CallbackListener(app, refuseFirst);
        app.MapPost("/callbacks", listener.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener.Url = new Uri(address.TrimEnd('/') + "/callbacks");
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
