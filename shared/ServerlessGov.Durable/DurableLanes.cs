using Microsoft.DurableTask;

namespace ServerlessGov.Durable;

/// <summary>
/// The embedded engine's background lane, asked for through the Durable Task SDK's own <see cref="TaskOptions.Tags"/>
/// so orchestrator code stays plain <c>Microsoft.DurableTask</c>: on Durable Functions the tag is recorded with the
/// activity call and otherwise ignored, and the activity runs like any other.
/// </summary>
/// <remarks>
/// An activity called with the tag <see cref="TagName"/> = <see cref="BackgroundLane"/> is bulk work: its work item
/// goes to the hub's background queue, read by its own dispatcher with
/// <see cref="DurableTaskOptions.MaxConcurrentBackgroundActivities"/> slots, which runs one activity at a time while
/// urgent work has a backlog. A retry stays in the lane. Sub-orchestrations ignore the tag.
/// </remarks>
public static class DurableLanes
{
    /// <summary>The tag key that names an activity call's lane.</summary>
    public const string TagName = "serverlessgov.lane";

    /// <summary>The tag value of the background lane.</summary>
    public const string BackgroundLane = "background";

    /// <summary>Options that run an activity call in the background lane, retried by <paramref name="retry"/> when given.</summary>
    public static TaskOptions Background(TaskRetryOptions? retry = null) =>
        new(retry, new Dictionary<string, string> { [TagName] = BackgroundLane });

    /// <summary>True when the options ask for the background lane.</summary>
    public static bool IsBackground(TaskOptions? options) =>
        options?.Tags is { } tags && tags.TryGetValue(TagName, out var lane) && string.Equals(lane, BackgroundLane, StringComparison.OrdinalIgnoreCase);
}
