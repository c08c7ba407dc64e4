using Microsoft.DurableTask;
using ServerlessGov.Durable.Engine;

namespace ServerlessGov.Durable;

/// <summary>
/// The Durable Task SDK hands activities no cancellation token; a host that runs activities on the embedded engine
/// (the functions host) reads the worker's hard-stop token here, so a long activity stops when shutdown's grace
/// period is over.
/// </summary>
public static class ActivityShutdown
{
    /// <summary>The token that fires when the embedded worker gives up waiting for running activities; none for any other context.</summary>
    public static CancellationToken TokenOf(TaskActivityContext context) =>
        context is ActivityExecutionContext embedded ? embedded.Shutdown : CancellationToken.None;
}
