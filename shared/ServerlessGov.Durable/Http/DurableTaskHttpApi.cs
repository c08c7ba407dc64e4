using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServerlessGov.Durable;

/// <summary>
/// Durable Functions' HTTP management API (<c>/runtime/webhooks/durabletask/instances…</c>) over a
/// <see cref="DurableTaskClient"/>: status, raise event, terminate, suspend, resume, purge and query, with the same
/// routes, status codes and JSON shapes. It adds no authentication: require a key on the returned group.
/// </summary>
public static class DurableTaskHttpApi
{
    /// <summary>The route prefix Durable Functions uses.</summary>
    public const string BasePath = "/runtime/webhooks/durabletask";

    /// <summary>The header carrying a query's continuation token, in both directions.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>Maps the management routes and returns their group, so the host can add authorization.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    public static RouteGroupBuilder MapDurableTaskManagement(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(BasePath);
        group.MapGet("/instances/{instanceId}", GetStatusAsync);
        group.MapGet("/instances", QueryAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", TerminateAsync);
        group.MapPost("/instances/{instanceId}/suspend", SuspendAsync);
        group.MapPost("/instances/{instanceId}/resume", ResumeAsync);
        group.MapDelete("/instances/{instanceId}", PurgeAsync);
        return group;
    }

    /// <summary>The links for one instance, absolute on the request's host; a <c>code</c> query value on the request is carried over.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static HttpManagementPayload CreateHttpManagementPayload(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        var code = request.Query.TryGetValue("code", out var key) ? $"?code={Uri.EscapeDataString(key.ToString())}" : string.Empty;
        var reasonJoin = code.Length == 0 ? "?" : "&";
        return new HttpManagementPayload(
            instanceId,
            root + code,
            $"{root}/raiseEvent/{{eventName}}{code}",
            $"{root}/terminate{code}{reasonJoin}reason={{text}}",
            root + code,
            $"{root}/suspend{code}{reasonJoin}reason={{text}}",
            $"{root}/resume{code}{reasonJoin}reason={{text}}");
    }

    /// <summary>The 202 response a starter function returns: the payload as body and the status URI as Location.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static IResult CreateCheckStatusResponse(HttpRequest request, string instanceId)
    {
        var payload = CreateHttpManagementPayload(request, instanceId);
        return new LocatedResult(Results.Json(payload, PayloadJson, statusCode: StatusCodes.Status202Accepted), payload.StatusQueryGetUri);
    }

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static async Task<IResult> GetStatusAsync(string instanceId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Results.NotFound();
        }

        var body = ToStatusJson(instance);
        return instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => Results.Json(body, statusCode: StatusCodes.Status200OK),
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => Results.Json(body, statusCode: StatusCodes.Status400BadRequest),
            _ => new LocatedResult(Results.Json(body, statusCode: StatusCodes.Status202Accepted), CreateHttpManagementPayload(request, instanceId).StatusQueryGetUri),
        };
    }

    private static async Task<IResult> QueryAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var statuses = query["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status) ? status : (OrchestrationRuntimeStatus?)null)
            .ToList();
        if (statuses.Any(s => s is null))
        {
            return Results.BadRequest("runtimeStatus holds an unknown status.");
        }

        if (!TryInstant(query["createdTimeFrom"], out var from) || !TryInstant(query["createdTimeTo"], out var to))
        {
            return Results.BadRequest("createdTimeFrom and createdTimeTo must be ISO 8601 instants.");
        }

        var top = int.TryParse(query["top"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1000 ? n : 100;
        var token = request.Headers[ContinuationHeader].ToString();
        var page = await client.QueryInstancesAsync(new OrchestrationQuery(
            statuses.Select(s => s!.Value).ToList(), from, to, query["instanceIdPrefix"].ToString() is { Length: > 0 } prefix ? prefix : null,
            top, token.Length == 0 ? null : token), cancellationToken).ConfigureAwait(false);
        var array = new JsonArray([.. page.Instances.Select(ToStatusJson)]);
        return new ContinuationResult(Results.Json(array), page.ContinuationToken);
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await LiveOrErrorAsync(client, instanceId, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error;
        }

        JsonElement? payload = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                payload = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return Results.BadRequest("The event payload must be JSON.");
            }
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken).ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult> TerminateAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await LiveOrErrorAsync(client, instanceId, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error;
        }

        await client.TerminateInstanceAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult> SuspendAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await LiveOrErrorAsync(client, instanceId, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error;
        }

        await client.SuspendInstanceAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult> ResumeAsync(string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await LiveOrErrorAsync(client, instanceId, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error;
        }

        await client.ResumeInstanceAsync(instanceId, reason, cancellationToken).ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var purged = await client.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return purged.PurgedInstanceCount == 0
            ? Results.NotFound()
            : Results.Json(new JsonObject { ["instancesDeleted"] = purged.PurgedInstanceCount });
    }

    /// <summary>404 for an unknown instance, 410 Gone for a finished one (as Durable Functions answers), null for a live one.</summary>
    private static async Task<IResult?> LiveOrErrorAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return instance is null ? Results.NotFound() : instance.IsCompleted ? Results.StatusCode(StatusCodes.Status410Gone) : null;
    }

    private static JsonObject ToStatusJson(OrchestrationMetadata instance) => new()
    {
        ["name"] = instance.Name,
        ["instanceId"] = instance.InstanceId,
        ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
        ["input"] = Raw(instance.SerializedInput),
        ["customStatus"] = Raw(instance.SerializedCustomStatus),
        ["output"] = instance.FailureDetails is { } failure ? JsonValue.Create(failure.ErrorMessage) : Raw(instance.SerializedOutput),
        ["failureDetails"] = instance.FailureDetails is { } details
            ? new JsonObject { ["errorType"] = details.ErrorType, ["errorMessage"] = details.ErrorMessage }
            : null,
        ["createdTime"] = instance.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["lastUpdatedTime"] = instance.LastUpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    private static JsonNode? Raw(string? json) => json is null ? null : JsonNode.Parse(json);

    private static bool TryInstant(Microsoft.Extensions.Primitives.StringValues value, out DateTimeOffset? instant)
    {
        instant = null;
        if (value.Count == 0 || string.IsNullOrEmpty(value.ToString()))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = parsed;
            return true;
        }

        return false;
    }

    /// <summary>Adds a Location header to another result.</summary>
    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    /// <summary>Adds the continuation header to a query page when there is more.</summary>
    private sealed class ContinuationResult(IResult inner, string? token) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (token is not null)
            {
                httpContext.Response.Headers[ContinuationHeader] = token;
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
