namespace ServerlessGov.Durable;

/// <summary>Per-call options of an activity call. Immutable.</summary>
/// <param name="Retry">How to retry failures; null runs the call once.</param>
public record TaskOptions(RetryPolicy? Retry = null);
