using Microsoft.DurableTask.Client;

namespace ServerlessGov.Durable.History;

/// <summary>
/// An instance's status as the engine stores it. The numbers are part of the stored history format (they differ from
/// <see cref="OrchestrationRuntimeStatus"/>'s), so they never change; clients see the SDK's enum.
/// </summary>
internal enum InstanceStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
    ContinuedAsNew,
}

/// <summary>Conversions between the stored status and the SDK's.</summary>
internal static class InstanceStatuses
{
#pragma warning disable CS0618 // The SDK marks ContinuedAsNew obsolete; the engine still reports it between two executions.
    public static OrchestrationRuntimeStatus ToRuntimeStatus(this InstanceStatus status) => status switch
    {
        InstanceStatus.Pending => OrchestrationRuntimeStatus.Pending,
        InstanceStatus.Running => OrchestrationRuntimeStatus.Running,
        InstanceStatus.Completed => OrchestrationRuntimeStatus.Completed,
        InstanceStatus.Failed => OrchestrationRuntimeStatus.Failed,
        InstanceStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        InstanceStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => OrchestrationRuntimeStatus.ContinuedAsNew,
    };

    /// <summary>The stored status a client's filter names; null for Canceled, which this engine never records.</summary>
    public static InstanceStatus? FromRuntimeStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => InstanceStatus.Pending,
        OrchestrationRuntimeStatus.Running => InstanceStatus.Running,
        OrchestrationRuntimeStatus.Completed => InstanceStatus.Completed,
        OrchestrationRuntimeStatus.Failed => InstanceStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => InstanceStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => InstanceStatus.Suspended,
        OrchestrationRuntimeStatus.ContinuedAsNew => InstanceStatus.ContinuedAsNew,
        _ => null,
    };
#pragma warning restore CS0618
}
