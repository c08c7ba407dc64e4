using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable;

/// <summary>
/// Durable Functions' HTTP management API (<c>/runtime/webhooks/durabletask/instances…</c>) over a
/// <see cref="DurableTaskClient"/>, answering as the Durable Functions extension's own handler does: the same routes,
/// query parameters, status codes, headers and JSON shapes (status, raise event, terminate, suspend, resume, restart,
/// purge and query). Bad input is a 400 problem naming the field. It adds no authentication: require a key on the
/// returned group, as Azure requires its system key.
/// </summary>
public static class DurableTaskHttpApi
{
    /// <summary>The route prefix Durable Functions uses.</summary>
    public const string BasePath = "/runtime/webhooks/durabletask";

    /// <summary>The header carrying a query's continuation token, in both directions.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>The <c>connection</c> value the links carry: the extension's name for the default storage connection (AzureWebJobsStorage).</summary>
    public const string DefaultConnectionName = "Storage";

    /// <summary>Longest instance id (the engine's limit).</summary>
    public const int MaxInstanceIdLength = 256;

    /// <summary>Longest event name.</summary>
    public const int MaxEventNameLength = 256;

    /// <summary>Longest <c>reason</c> for terminate, suspend and resume.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Largest event payload, in bytes of JSON (the engine's 40 KiB message limit).</summary>
    public const int MaxEventBodyBytes = 40 * 1024;

    /// <summary>Largest page of a query (<c>top</c>); 100 when not given.</summary>
    public const int MaxPageSize = 1000;

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the management routes and returns their group, so the host can add authorization.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    public static RouteGroupBuilder MapDurableTaskManagement(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(BasePath);
        group.AddEndpointFilter(ValidateCommonParametersAsync);
        group.MapGet("/instances/{instanceId}", GetStatusAsync);
        group.MapGet("/instances", QueryAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", TerminateAsync);
        group.MapPost("/instances/{instanceId}/suspend", SuspendAsync);
        group.MapPost("/instances/{instanceId}/resume", ResumeAsync);
        group.MapPost("/instances/{instanceId}/restart", RestartAsync);
        group.MapDelete("/instances/{instanceId}", PurgeAsync);
        return group;
    }

    /// <summary>
    /// The links for one instance, absolute on the request's host, each ending in <c>taskHub</c> and <c>connection</c>
    /// (and the request's <c>code</c>, when it had one) as the extension writes them.
    /// </summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="DurableTaskClient"/> is registered.</exception>
    public static HttpManagementPayload CreateHttpManagementPayload(HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var hub = request.HttpContext.RequestServices.GetRequiredService<DurableTaskClient>().Name;
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        var suffix = $"taskHub={Uri.EscapeDataString(hub)}&connection={DefaultConnectionName}";
        if (request.Query.TryGetValue("code", out var key) && !StringValues.IsNullOrEmpty(key))
        {
            suffix += $"&code={Uri.EscapeDataString(key.ToString())}";
        }

        return new HttpManagementPayload(
            instanceId,
            $"{root}?{suffix}",
            $"{root}/raiseEvent/{{eventName}}?{suffix}",
            $"{root}/terminate?reason={{text}}&{suffix}",
            $"{root}?{suffix}",
            $"{root}/restart?{suffix}",
            $"{root}/suspend?reason={{text}}&{suffix}",
            $"{root}/resume?reason={{text}}&{suffix}");
    }

    /// <summary>The 202 a starter returns: the payload as body, its status link as <c>Location</c>, and <c>Retry-After: 10</c>.</summary>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    public static IResult CreateCheckStatusResponse(HttpRequest request, string instanceId)
    {
        var payload = CreateHttpManagementPayload(request, instanceId);
        return new HeadersResult(Results.Json(payload, PayloadJson, statusCode: StatusCodes.Status202Accepted), payload.StatusQueryGetUri, retryAfterSeconds: 10, continuation: null);
    }

    private static async ValueTask<object?> ValidateCommonParametersAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var hub = context.HttpContext.RequestServices.GetRequiredService<DurableTaskClient>().Name;
        if (request.Query.TryGetValue("taskHub", out var taskHub) && !string.Equals(taskHub.ToString(), hub, StringComparison.OrdinalIgnoreCase))
        {
            errors["taskHub"] = [$"must be this app's task hub, '{hub}', or left out"];
        }

        if (request.Query.TryGetValue("connection", out var connection) && !string.Equals(connection.ToString(), DefaultConnectionName, StringComparison.OrdinalIgnoreCase))
        {
            errors["connection"] = [$"must be '{DefaultConnectionName}' (the app's one storage connection) or left out"];
        }

        if (request.RouteValues.TryGetValue("instanceId", out var value) && value is string instanceId && InstanceIdRule(instanceId) is { } rule)
        {
            errors["instanceId"] = [rule];
        }

        if (request.RouteValues.TryGetValue("eventName", out var name) && name is string eventName && eventName.Length > MaxEventNameLength)
        {
            errors["eventName"] = [$"is at most {MaxEventNameLength} characters"];
        }

        if (request.Query.TryGetValue("reason", out var reason) && reason.ToString().Length > MaxReasonLength)
        {
            errors["reason"] = [$"is at most {MaxReasonLength} characters"];
        }

        return errors.Count > 0 ? Results.ValidationProblem(errors) : await next(context).ConfigureAwait(false);
    }

    private static string? InstanceIdRule(string instanceId)
    {
        if (instanceId.Length > MaxInstanceIdLength)
        {
            return $"is at most {MaxInstanceIdLength} characters";
        }

        try
        {
            TableRules.ValidateKey(instanceId, "instanceId");
            return null;
        }
        catch (StorageException)
        {
            return "has no '/', '\\', '#', '?' or control characters";
        }
    }

    private static async Task<IResult> GetStatusAsync(string instanceId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var showInput = Flag(request, "showInput", true, errors);
        var showHistory = Flag(request, "showHistory", false, errors);
        Flag(request, "showHistoryOutput", false, errors);
        var serverErrorOnFailure = Flag(request, "returnInternalServerErrorOnFailure", false, errors);
        if (showHistory)
        {
            errors["showHistory"] = ["must be false or left out: this engine does not serve execution history over HTTP"];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Results.NotFound();
        }

        var body = Results.Json(ToStatusJson(instance, showInput), statusCode: instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Failed when serverErrorOnFailure => StatusCodes.Status500InternalServerError,
            _ when IsInProgress(instance.RuntimeStatus) => StatusCodes.Status202Accepted,
            _ => StatusCodes.Status200OK,
        });
        return IsInProgress(instance.RuntimeStatus)
            ? new HeadersResult(body, request.GetEncodedUrl(), retryAfterSeconds: 5, continuation: null)
            : body;
    }

    private static async Task<IResult> QueryAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in query["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(name, out _))
            {
                statuses.Add(status);
            }
            else
            {
                errors["runtimeStatus"] = [$"is a comma-separated list of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}"];
            }
        }

        var from = Instant(query, "createdTimeFrom", errors);
        var to = Instant(query, "createdTimeTo", errors);
        var top = 100;
        if (query.TryGetValue("top", out var topValue) && !(int.TryParse(topValue, NumberStyles.None, CultureInfo.InvariantCulture, out top) && top is >= 1 and <= MaxPageSize))
        {
            errors["top"] = [$"is a whole number from 1 to {MaxPageSize}"];
        }

        var showInput = Flag(request, "showInput", true, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var token = request.Headers[ContinuationHeader].ToString();
        var filter = new OrchestrationQuery
        {
            Statuses = statuses.Count == 0 ? null : statuses,
            CreatedFrom = from,
            CreatedTo = to,
            InstanceIdPrefix = query["instanceIdPrefix"].ToString() is { Length: > 0 } prefix ? prefix : null,
            PageSize = top,
            FetchInputsAndOutputs = true,
        };
        await foreach (var page in client.GetAllInstancesAsync(filter).AsPages(token.Length == 0 ? null : token, top).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return new HeadersResult(Results.Json(new JsonArray([.. page.Values.Select(i => ToStatusJson(i, showInput))])), null, null, page.ContinuationToken);
        }

        return Results.Json(new JsonArray());
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await LiveOrErrorAsync(client, instanceId, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return error;
        }

        if (!string.Equals(request.GetTypedHeaders().ContentType?.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem("Content-Type", "must be application/json");
        }

        if (request.ContentLength > MaxEventBodyBytes)
        {
            return Problem("body", $"is at most {MaxEventBodyBytes / 1024} KiB of JSON");
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxEventBodyBytes)
            {
                return Problem("body", $"is at most {MaxEventBodyBytes / 1024} KiB of JSON");
            }

            buffer.Write(chunk, 0, read);
        }

        JsonElement? payload = null;
        if (buffer.Length > 0)
        {
            try
            {
                payload = JsonSerializer.Deserialize<JsonElement>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
            catch (JsonException)
            {
                return Problem("body", "must be JSON");
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

        await client.TerminateInstanceAsync(instanceId, (object?)reason, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Starts the instance again with its input: 202 with the new instance's links; 400 unknown (as the extension answers); 409 while it is still live under the same id.</summary>
    private static async Task<IResult> RestartAsync(string instanceId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var newId = Flag(request, "restartWithNewInstanceId", true, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not { } instance)
        {
            return Problem("instanceId", "must name an existing orchestration instance");
        }

        if (!newId && !instance.IsCompleted)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A non-terminal instance with this instance ID already exists.");
        }

        var restarted = await client.RestartAsync(instanceId, newId, cancellationToken).ConfigureAwait(false);
        return CreateCheckStatusResponse(request, restarted);
    }

    /// <summary>200 with the count; 404 unknown; 412 while the instance is not finished (only terminal instances are purged).</summary>
    private static async Task<IResult> PurgeAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Results.NotFound();
        }

        if (!instance.IsCompleted)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "Only orchestrations in a terminal state can be purged.",
                detail: $"The orchestration with instance ID {instanceId} has status {instance.RuntimeStatus}.");
        }

        var purged = await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        return purged.PurgedInstanceCount == 0
            ? Results.NotFound()
            : Results.Json(new JsonObject { ["instancesDeleted"] = purged.PurgedInstanceCount });
    }

    /// <summary>404 for an unknown instance, 410 Gone for a finished one (as Durable Functions answers), null for a live one.</summary>
    private static async Task<IResult?> LiveOrErrorAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        return instance is null ? Results.NotFound() : instance.IsCompleted ? Results.StatusCode(StatusCodes.Status410Gone) : null;
    }

#pragma warning disable CS0618 // ContinuedAsNew is obsolete in the SDK; the engine still reports it between two executions.
    private static bool IsInProgress(OrchestrationRuntimeStatus status) => status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running
        or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.ContinuedAsNew;
#pragma warning restore CS0618

    /// <summary>The extension's status payload; a failed instance's output is its failure's summary, <c>type: message</c>, as DurableTask.AzureStorage stores it.</summary>
    private static JsonObject ToStatusJson(OrchestrationMetadata instance, bool showInput) => new()
    {
        ["name"] = instance.Name,
        ["instanceId"] = instance.InstanceId,
        ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
        ["input"] = showInput ? Raw(instance.SerializedInput) : null,
        ["customStatus"] = Raw(instance.SerializedCustomStatus),
        ["output"] = instance.FailureDetails is { } failure ? JsonValue.Create($"{failure.ErrorType}: {failure.ErrorMessage}") : Raw(instance.SerializedOutput),
        ["createdTime"] = instance.CreatedAt.UtcDateTime.ToString("s", CultureInfo.InvariantCulture) + "Z",
        ["lastUpdatedTime"] = instance.LastUpdatedAt.UtcDateTime.ToString("s", CultureInfo.InvariantCulture) + "Z",
    };

    private static JsonNode? Raw(string? json) => json is null ? null : JsonNode.Parse(json);

    private static IResult Problem(string field, string rule) => Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [rule] });

    private static bool Flag(HttpRequest request, string name, bool missing, Dictionary<string, string[]> errors)
    {
        if (!request.Query.TryGetValue(name, out var value) || StringValues.IsNullOrEmpty(value))
        {
            return missing;
        }

        if (bool.TryParse(value.ToString(), out var flag))
        {
            return flag;
        }

        errors[name] = ["is true or false"];
        return missing;
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var value = query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        errors[name] = ["is an ISO 8601 instant, for example 2026-12-07T00:00:00Z"];
        return null;
    }

    /// <summary>Adds <c>Location</c>, <c>Retry-After</c> and the continuation header to another result, where given.</summary>
    private sealed class HeadersResult(IResult inner, string? location, int? retryAfterSeconds, string? continuation) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            if (location is not null)
            {
                headers.Location = location;
            }

            if (retryAfterSeconds is { } seconds)
            {
                headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            if (continuation is not null)
            {
                headers[ContinuationHeader] = continuation;
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
