using Microsoft.DurableTask;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The orchestrators and activities of a <see cref="DurableTaskRegistry"/>, by name (case-insensitive, as
/// <see cref="TaskName"/> compares), read concurrently by the dispatchers.
/// </summary>
internal sealed class TaskCatalog
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators;
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> _activities;

    /// <exception cref="NotSupportedException">The registry holds durable entities, which this engine does not run.</exception>
    public TaskCatalog(DurableTaskRegistry registry)
    {
        if (registry.GetEntities().FirstOrDefault() is { Key: var entity } && entity.Name is not null)
        {
            throw new NotSupportedException(
                $"Durable entities are not supported by the embedded ServerlessGov engine (entity '{entity.Name}' is registered).");
        }

        _orchestrators = registry.GetOrchestrators().ToDictionary(p => p.Key, p => p.Value);
        _activities = registry.GetActivities().ToDictionary(p => p.Key, p => p.Value);
    }

    public bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        orchestrator = _orchestrators.TryGetValue(new TaskName(name), out var factory) ? factory(services) : null;
        return orchestrator is not null;
    }

    public bool TryCreateActivity(string name, IServiceProvider services, out ITaskActivity? activity)
    {
        activity = _activities.TryGetValue(new TaskName(name), out var factory) ? factory(services) : null;
        return activity is not null;
    }
}
