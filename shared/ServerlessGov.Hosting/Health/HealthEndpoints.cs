using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.Health;

/// <summary>
/// <c>/{prefix}/health</c>: liveness (200 while the process serves requests) with the storage status in the body;
/// <c>/{prefix}/ready</c>: readiness (503 until the triggers run, after shutdown begins, or while storage is unreachable).
/// </summary>
internal static class HealthEndpoints
{
    private const string ProbeTable = Timers.TimerStateStore.TableName;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("health", async (IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var storage = await ProbeStorageAsync(services, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new HealthReport("healthy", storage));
        }).WithName("health").RequireFunctionAuthorization(FunctionAuthorization.Public);

        group.MapGet("ready", async (IServiceProvider services, FunctionsHostState state, CancellationToken cancellationToken) =>
        {
            var storage = await ProbeStorageAsync(services, cancellationToken).ConfigureAwait(false);
            var ready = state.IsReady && storage == "healthy";
            return ready
                ? Results.Ok(new HealthReport("ready", storage))
                : Results.Json(new HealthReport("not ready", storage), statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithName("ready").RequireFunctionAuthorization(FunctionAuthorization.Public);
    }

    private static async Task<string> ProbeStorageAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var table = services.GetRequiredService<ITableStore>().GetTable(ProbeTable);
            await table.CreateIfNotExistsAsync(timeout.Token).ConfigureAwait(false);
            await table.GetAsync("health", "probe", timeout.Token).ConfigureAwait(false);
            return "healthy";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return "unhealthy";
        }
    }

    /// <summary>The health body: overall status and storage status.</summary>
    internal sealed record HealthReport(string Status, string Storage);
}
