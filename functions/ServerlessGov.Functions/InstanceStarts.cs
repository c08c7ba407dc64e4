using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ServerlessGov.Functions;

/// <summary>
/// Starts an orchestration at most once per instance id, ever. The app derives ids from what they stand for (a
/// case from policy, subject and period), so a second start of an id — a re-run, a redelivered message, a new policy
/// version — must find the instance it started before, whatever its status, and never open a second or restart a
/// finished one. Written on the Durable Task SDK alone, so it behaves the same on Durable Functions.
/// </summary>
public static class InstanceStarts
{
    /// <summary>Every status an instance can be in: an existing instance of any of them is kept as it is.</summary>
    private static readonly OrchestrationRuntimeStatus[] AnyStatus = Enum.GetValues<OrchestrationRuntimeStatus>();

    /// <summary>Starts <paramref name="instanceId"/> unless an instance with that id exists; returns the id either way.</summary>
    /// <exception cref="ArgumentException">An invalid instance id or name.</exception>
    public static async Task<string> StartOnceAsync(this DurableTaskClient client, TaskName orchestratorName, object? input, string instanceId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input,
                new StartOrchestrationOptions(instanceId).WithDedupeStatuses(AnyStatus), cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return instanceId;
        }
    }
}
