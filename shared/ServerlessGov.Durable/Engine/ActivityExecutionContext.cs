using Microsoft.DurableTask;

namespace ServerlessGov.Durable.Engine;

/// <summary>The embedded engine's <see cref="TaskActivityContext"/>: the call's activity name and instance, and the worker's hard-stop token.</summary>
internal sealed class ActivityExecutionContext(TaskName name, string instanceId, CancellationToken shutdown) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    public CancellationToken Shutdown { get; } = shutdown;
}
