namespace ServerlessGov.Hosting.Configuration;

/// <summary>Everything the host reads from host.json, local.settings.json and the environment, validated once at start.</summary>
public sealed record FunctionsHostSettings
{
    /// <summary>host.json <c>functionTimeout</c>: the longest an invocation may run, and the graceful-shutdown budget.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>host.json <c>extensions.http.routePrefix</c>: the path all HTTP functions live under.</summary>
    public string RoutePrefix { get; init; } = "api";

    public QueuesSettings Queues { get; init; } = new();

    public SingletonSettings Singleton { get; init; } = new();

    public DurableTaskSettings DurableTask { get; init; } = new();

    public AuthSettings Auth { get; init; } = new();

    /// <summary><c>WEBSITE_TIME_ZONE</c>: the zone timer schedules are read in (IANA or Windows id; default UTC).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary><c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: where traces and metrics are exported; null for none.</summary>
    public Uri? OtlpEndpoint { get; init; }
}
