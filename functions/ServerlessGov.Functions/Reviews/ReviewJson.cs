using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ServerlessGov.Functions.Reviews;

/// <summary>The one JSON shape review items are stored and shown in (camelCase, enums as names).</summary>
internal static class ReviewJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>How escalation messages are written and read on the queue.</summary>
    public static JsonTypeInfo<ReviewEscalation> Escalation { get; } = (JsonTypeInfo<ReviewEscalation>)Options.GetTypeInfo(typeof(ReviewEscalation));
}
