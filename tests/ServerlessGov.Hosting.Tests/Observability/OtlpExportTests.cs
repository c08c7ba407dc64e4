using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Observability;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointConfigured_TracesAndMetricsArePostedToTheCollector()
    {
        var received = new ConcurrentQueue<string>();
        await using var collector = await StartCollectorAsync(received);
        var endpoint = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var host = await FunctionsTestHost.StartAsync(
            functions => functions.Http("Traced", "GET", "traced", () => Results.Ok(), FunctionAuthorization.Public),
            values: new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            });

        await host.Client.GetAsync("/api/traced");

        await Eventually.AssertAsync(() => received.Contains("/v1/traces") && received.Contains("/v1/metrics"), TimeSpan.FromSeconds(20), "traces and metrics reach the collector");
    }

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<string> received)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = builder.Build();
        collector.MapPost("/v1/{signal}", (HttpContext context) =>
        {
            received.Enqueue(context.Request.Path.Value!);
            return Results.Ok();
        });
        await collector.StartAsync();
        return collector;
    }
}
