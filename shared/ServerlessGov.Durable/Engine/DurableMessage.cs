using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// What travels in a queue: one history fact for one instance. <see cref="Id"/> lets a receiver recognise a
/// redelivery; <see cref="ExecutionId"/> (when set) ties the fact to one execution so facts for an older execution
/// are dropped.
/// </summary>
internal sealed record DurableMessage(string Id, string InstanceId, string? ExecutionId, HistoryEvent Event);
