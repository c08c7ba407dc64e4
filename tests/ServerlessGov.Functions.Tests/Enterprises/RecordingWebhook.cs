using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// An enterprise's (or a topic's) webhook: a separate Kestrel app on a loopback port that answers Event Grid's
/// handshakes when told to, records every CloudEvent POST (arrival time, id, type, data) and can fail the first
/// attempts of each event or answer every event with a fixed status.
/// </summary>
internal sealed class RecordingWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;
    private const string ArrivedAt = "arrived-at";
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    private RecordingWebhook(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Every POST that carried CloudEvents, in arrival order (failed attempts included).</summary>
    public ConcurrentQueue<ReceivedEvent> Arrivals { get; } = new();

    /// <summary>Answer the CloudEvents OPTIONS handshake (on by default).</summary>
    public bool AnswersOptions { get; set; } = true;

    /// <summary>Answer a SubscriptionValidation event with its code (on by default).</summary>
    public bool AnswersValidation { get; set; } = true;

    /// <summary>How many first attempts of each event id are answered 503.</summary>
    public int FailFirstAttempts { get; set; }

    /// <summary>When set, every CloudEvent POST is answered with this status.</summary>
    public int? AlwaysStatus { get; set; }

    public int HandshakeRequests;

    /// <summary>The successful arrivals of one event id.</summary>
    public int DeliveredCount(string eventId) => Arrivals.Count(a => a.Id == eventId && a.Status is >= 200 and <= 204);

    public static async Task<RecordingWebhook> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hook = new RecordingWebhook(app, new Uri($"http://127.0.0.1:{port}/hooks/events"));

        // A request arrives when its headers do, not when its body has been read and parsed: stamped first thing.
        app.Use((http, next) =>
        {
            http.Items[ArrivedAt] = DateTimeOffset.UtcNow;
            return next(http);
        });
        app.MapMethods("/hooks/events", ["OPTIONS"], (HttpContext http) =>
        {
            Interlocked.Increment(ref hook.HandshakeRequests);
            if (!hook.AnswersOptions)
            {
                return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
            }

            http.Response.Headers["WebHook-Allowed-Origin"] = http.Request.Headers["WebHook-Request-Origin"].ToString();
            return Results.Ok();
        });
        app.MapPost("/hooks/events", (Func<HttpContext, Task<IResult>>)hook.ReceiveAsync);
        await app.StartAsync();
        return hook;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        if (string.Equals(http.Request.Headers["aeg-event-type"], "SubscriptionValidation", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref HandshakeRequests);
            return AnswersValidation
                ? Results.Json(new { validationResponse = body.RootElement[0].GetProperty("data").GetProperty("validationCode").GetString() })
                : Results.BadRequest();
        }

        var events = body.RootElement.ValueKind == JsonValueKind.Array ? [.. body.RootElement.EnumerateArray()] : new[] { body.RootElement };
        var status = StatusCodes.Status200OK;
        foreach (var cloudEvent in events)
        {
            var id = cloudEvent.GetProperty("id").GetString()!;
            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            status = AlwaysStatus ?? (attempt <= FailFirstAttempts ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
            Arrivals.Enqueue(new ReceivedEvent((DateTimeOffset)http.Items[ArrivedAt]!, id, cloudEvent.GetProperty("type").GetString()!, DataOf(cloudEvent), http.Request.ContentType, status));
        }

        return Results.StatusCode(status);
    }

    private static JsonElement DataOf(JsonElement cloudEvent) => cloudEvent.TryGetProperty("data", out var data)
        ? data.Clone()
        : JsonDocument.Parse(Convert.FromBase64String(cloudEvent.GetProperty("data_base64").GetString()!)).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One CloudEvent as the webhook got it, and what it answered.</summary>
internal sealed record ReceivedEvent(DateTimeOffset At, string Id, string Type, JsonElement Data, string? ContentType, int Status);
