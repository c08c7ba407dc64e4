using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ServerlessGov.Hosting.Observability;

/// <summary>The host's trace source and meter: one span per invocation, and per-function counts, failures and durations.</summary>
public sealed class FunctionsTelemetry : IDisposable
{
    /// <summary>The name of the <see cref="ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> to subscribe to.</summary>
    public const string SourceName = "ServerlessGov.Hosting";

    private readonly Meter _meter;

    public FunctionsTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(SourceName);
        Invocations = _meter.CreateCounter<long>("functions.invocations", description: "Function invocations, tagged by function, trigger and outcome.");
        Failures = _meter.CreateCounter<long>("functions.failures", description: "Function invocations that threw or timed out.");
        Duration = _meter.CreateHistogram<double>("functions.duration", unit: "ms", description: "How long invocations took.");
    }

    internal static ActivitySource ActivitySource { get; } = new(SourceName);

    internal Counter<long> Invocations { get; }

    internal Counter<long> Failures { get; }

    internal Histogram<double> Duration { get; }

    public void Dispose() => _meter.Dispose();
}
