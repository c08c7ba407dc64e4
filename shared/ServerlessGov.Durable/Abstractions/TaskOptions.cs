namespace ServerlessGov.Durable;

/// <summary>Per-call options of an activity call. Immutable.</summary>
/// <param name="Retry">How to retry failures; null runs the call once.</param>
/// <param name="Background">
/// Runs the activity in the background lane: its own work-item queue, read by its own dispatcher with
/// <see cref="DurableTaskOptions.MaxConcurrentBackgroundActivities"/> slots, so bulk work (hundreds of long activities
/// queued at once) never stands in front of other instances' steps. Ignored for sub-orchestrations.
/// </param>
public record TaskOptions(RetryPolicy? Retry = null, bool Background = false);
