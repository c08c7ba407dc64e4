using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.CaseFlow;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// Opens the orchestration a relevant decision leads to, under its deterministic id: the case (policy, subject,
/// period) for one-off and per-event policies, the eternal allowance (policy, subject) for monthly ones. Starting an
/// id that exists returns the existing instance, so every trigger may call this as often as it likes.
/// </summary>
public sealed class CaseStarter
{
    private readonly DurableTaskClient _client;

    public CaseStarter(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Starts (or finds) the orchestration for a case; returns its instance id.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public Task<string> StartAsync(PolicyDocument policy, CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        if (policy.Schedule.Kind == ScheduleKind.Monthly)
        {
            return _client.ScheduleNewOrchestrationInstanceAsync(AllowanceOrchestration.Name,
                new AllowanceInput(input.PolicyId, input.SubjectId, input.Period, PaidBefore: false),
                new StartOrchestrationOptions(CaseIds.Allowance(input.PolicyId, input.SubjectId)), cancellationToken);
        }

        return _client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestration.Name, input,
            new StartOrchestrationOptions(CaseIds.Case(input.PolicyId, input.SubjectId, input.Period)), cancellationToken);
    }
}
