namespace ServerlessGov.Durable.Engine;

/// <summary>A message an episode committed and must send: to the work-item queue or the target's control queue, visible from <see cref="VisibleAt"/>.</summary>
internal sealed record OutboxEntry(bool WorkItem, DateTimeOffset? VisibleAt, DurableMessage Message);
