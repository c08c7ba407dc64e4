using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Observability;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Observability;

public sealed partial class ObservabilityTests
{
    [Fact]
    public async Task Invocation_LogsWrittenByTheFunction_CarryFunctionNameAndInvocationId()
    {
        var invocationId = new TaskCompletionSource<string>();
        await using var host = await FunctionsTestHost.StartAsync(functions => functions.Queue<string>("Audit", "audit-logs", (_, context, _) =>
        {
            Handling(context.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Audit"));
            invocationId.TrySetResult(context.InvocationId);
            return Task.CompletedTask;
        }), new { version = "2.0", extensions = new { queues = new { maxPollingInterval = "00:00:00.200" } } });

        await host.Queues.GetQueue("audit-logs").SendAsync(BinaryData.FromString("hello"));
        var id = await invocationId.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var entry = Assert.Single(host.Logs.Entries, e => e.Category == "Audit");
        Assert.Equal("Audit", entry.Scope["FunctionName"]);
        Assert.Equal(id, entry.Scope["InvocationId"]);
    }

    [Fact]
    public async Task Invocations_SuccessesAndFailures_AreCountedAndTimedPerFunction()
    {
        var name = "Metered" + Guid.NewGuid().ToString("N")[..8];
        var measurements = new ConcurrentQueue<(string Instrument, string? Function, string? Outcome)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FunctionsTelemetry.SourceName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue(Describe(instrument, tags)));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue(Describe(instrument, tags)));
        listener.Start();
        await using var host = await FunctionsTestHost.StartAsync(functions => functions.RouteValue(new RouteValueRule("fail", 5, "true or false", v => bool.TryParse(v, out _) ? null : "true or false")).Http(name, "GET", "metered/{fail}", (bool fail) =>
            fail ? throw new InvalidOperationException("failed") : Results.Ok(), FunctionAuthorization.Public));

        await host.Client.GetAsync("/api/metered/false");
        await host.Client.GetAsync("/api/metered/false");
        await host.Client.GetAsync("/api/metered/true");

        var mine = measurements.Where(m => m.Function == name).ToList();
        Assert.Equal(2, mine.Count(m => m is { Instrument: "functions.invocations", Outcome: "success" }));
        Assert.Equal(1, mine.Count(m => m is { Instrument: "functions.invocations", Outcome: "failure" }));
        Assert.Equal(1, mine.Count(m => m.Instrument == "functions.failures"));
        Assert.Equal(3, mine.Count(m => m.Instrument == "functions.duration"));
    }

    [Fact]
    public async Task Invocation_Traced_EmitsASpanNamedAfterTheFunction()
    {
        var name = "Traced" + Guid.NewGuid().ToString("N")[..8];
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FunctionsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await FunctionsTestHost.StartAsync(functions => functions.Http(name, "GET", "traced", () => Results.Ok(), FunctionAuthorization.Public));

        await host.Client.GetAsync("/api/traced");

        var span = Assert.Single(spans, s => s.DisplayName == name);
        Assert.Equal(name, span.GetTagItem("faas.name"));
        Assert.Equal("http", span.GetTagItem("faas.trigger"));
        Assert.NotNull(span.GetTagItem("faas.invocation_id"));
    }

    [LoggerMessage(1, LogLevel.Information, "handling")]
    private static partial void Handling(ILogger logger);

    private static (string, string?, string?) Describe(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? function = null;
        string? outcome = null;
        foreach (var (key, value) in tags)
        {
            if (key == "function")
            {
                function = value as string;
            }
            else if (key == "outcome")
            {
                outcome = value as string;
            }
        }

        return (instrument.Name, function, outcome);
    }
}
