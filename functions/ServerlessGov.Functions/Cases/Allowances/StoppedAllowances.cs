using Microsoft.DurableTask.Client;
using ServerlessGov.Functions.Reviews;

namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>Tells the review feature whether an objection names a resident's own allowance that has stopped (its orchestration ended with a stop).</summary>
internal sealed class StoppedAllowances(DurableTaskClient durable) : IObjectionTargets
{
    /// <inheritdoc />
    public async Task<bool> IsStoppedAllowanceAsync(string caseInstanceId, string subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseInstanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        return await durable.GetInstanceAsync(caseInstanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { Name: AllowanceOrchestration.Name, RuntimeStatus: OrchestrationRuntimeStatus.Completed } instance
            && instance.ReadInputAs<AllowanceInput>()?.SubjectId == subjectId
            && instance.ReadOutputAs<AllowanceResult>() is not null;
    }
}
