using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessGov.Functions;

/// <summary>The app's one JSON shape on the wire (camelCase, enums as their names), for HTTP bodies and queue messages alike.</summary>
public static class AppJson
{
    /// <summary>camelCase, enums as their names: queue messages and durable payloads as the worker writes and reads them.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Enums travel as their names (Paid, AwaitingConfirmation, Settled …) in every response and request body, and in
    /// every queue message a <c>[QueueTrigger]</c> method reads into a type: through the worker's serializer, which the
    /// local runtime reads too.
    /// </summary>
    public static IServiceCollection AddAppJson(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(Options));
        return services;
    }
}
