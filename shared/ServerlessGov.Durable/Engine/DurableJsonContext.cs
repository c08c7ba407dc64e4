using System.Text.Json.Serialization;
using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable.Engine;

/// <summary>Source-generated serialization of the engine's own records (history, messages, outbox, failures).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<HistoryEvent>))]
[JsonSerializable(typeof(DurableMessage))]
[JsonSerializable(typeof(List<OutboxEntry>))]
[JsonSerializable(typeof(FailureRecord))]
[JsonSerializable(typeof(PoisonRecord))]
internal sealed partial class DurableJsonContext : JsonSerializerContext;
