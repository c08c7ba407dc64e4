using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Storage;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// Opens the orchestration a relevant decision leads to, under its deterministic id: the case (policy, subject,
/// period) for one-off and per-event policies, the eternal allowance (policy, subject) for monthly ones. Starting an
/// id that exists returns the existing instance, so every trigger may call this as often as it likes. A case the data
/// proved and nobody has to confirm has its payment instructed as it opens (<see cref="PaymentOnOpen"/>).
/// </summary>
public sealed class CaseStarter
{
    private readonly DurableTaskClient _client;
    private readonly PaymentOnOpen _payment;
    private readonly ILogger<CaseStarter> _logger;

    public CaseStarter(DurableTaskClient client, PaymentOnOpen payment, ILogger<CaseStarter> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _payment = payment;
        _logger = logger;
    }

    /// <summary>Starts (or finds) the orchestration for a case; returns its instance id.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    /// <exception cref="Payouts.IdempotencyKeyConflictException">The bank holds another amount under the case's payout key.</exception>
    public async Task<string> StartAsync(PolicyDocument policy, CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        if (policy.Schedule.Kind == ScheduleKind.Monthly)
        {
            return await _client.ScheduleNewOrchestrationInstanceAsync(AllowanceOrchestration.Name,
                new AllowanceInput(input.PolicyId, input.SubjectId, input.Period, PaidBefore: false),
                new StartOrchestrationOptions(CaseIds.Allowance(input.PolicyId, input.SubjectId)), cancellationToken).ConfigureAwait(false);
        }

        var id = CaseIds.Case(input.PolicyId, input.SubjectId, input.Period);

        // Only a case opened now is paid here: one that exists may have ended (declined, rejected) and released its budget.
        var payNow = PaymentOnOpen.Applies(policy, input) && await _client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is null;
        await _client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestration.Name, input, new StartOrchestrationOptions(id), cancellationToken).ConfigureAwait(false);
        if (payNow)
        {
            try
            {
                await _payment.InstructAsync(id, input, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException ex)
            {
                // The case is open: its orchestration takes the same steps and pays.
                Log.PaymentOnOpenDeferred(_logger, input.PolicyId, ex.Kind);
            }
        }

        return id;
    }
}
