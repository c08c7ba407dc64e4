using System.Text.Json;
using Microsoft.DurableTask.Converters;

namespace ServerlessGov.Durable.Differential.Tests.Backends;

/// <summary>The one JSON converter every backend of the suite uses: the embedded engine's default (web, camelCase).</summary>
internal static class Converters
{
    public static JsonDataConverter Web { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

/// <summary>Lets DurableTask.Core's client write inputs and event payloads with the SDK's converter, as the SDK's own client does.</summary>
internal sealed class SdkDataConverterForCore(Microsoft.DurableTask.DataConverter converter) : global::DurableTask.Core.Serializing.DataConverter
{
    public override string Serialize(object value) => converter.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => converter.Deserialize(data, objectType)!;
}
