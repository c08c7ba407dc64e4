using System.Text.Json;
using Microsoft.DurableTask.Converters;

namespace ServerlessGov.Durable.Differential.Tests.Backends;

/// <summary>The one JSON converter every backend of the suite uses: the embedded engine's default (web, camelCase).</summary>
internal static class Converters
{
    public static JsonDataConverter Web { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
