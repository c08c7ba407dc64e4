using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Notifications;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// The activities a case calls besides its payment's (<see cref="CasePaymentActivities"/>). Each runs at least once, so
/// each is idempotent: the budget, the slots and the notifications are keyed by the case.
/// </summary>
/// <remarks>
/// The worker makes an instance per call from the call's services, so the class takes only what these activities use;
/// the payment's services are on <see cref="CasePaymentActivities"/>.
/// </remarks>
public sealed class CaseActivities(
    BudgetLedger budget, BeneficiarySlots slots, INotificationSender sender, IOptions<CaseOptions> options, PolicyEvaluator evaluator)
{
    /// <summary>Reserves the case's amount against the policy's budget cap.</summary>
    public const string ReserveBudget = "ReserveCaseBudget";

    /// <summary>Gives a reservation back (declined or rejected cases).</summary>
    public const string ReleaseBudget = "ReleaseCaseBudget";

    /// <summary>Claims the case's household or exclusion-group slots.</summary>
    public const string ClaimSlots = "ClaimCaseSlots";

    /// <summary>Sends one notification through the notification port.</summary>
    public const string Notify = "NotifyCase";

    /// <summary>Computes the amount of an approved case from the subject's current facts.</summary>
    public const string ResolveAmount = "ResolveCaseAmount";

    /// <summary>A notification recipient that stands for the policy staff (replaced by <see cref="CaseOptions.StaffRecipient"/>).</summary>
    public const string StaffRecipientMarker = "@staff";

    /// <summary>Reserves the case's amount against the policy's budget cap.</summary>
    [Function(ReserveBudget)]
    public Task<BudgetAnswer> ReserveBudgetAsync([ActivityTrigger] BudgetRequest request, CancellationToken cancellationToken) =>
        budget.ReserveAsync(request, cancellationToken);

    /// <summary>Gives a reservation back.</summary>
    [Function(ReleaseBudget)]
    public Task<BudgetAnswer> ReleaseBudgetAsync([ActivityTrigger] BudgetRequest request, CancellationToken cancellationToken) =>
        budget.ReleaseAsync(request, cancellationToken);

    /// <summary>Claims the case's household or exclusion-group slots; false when another case holds one.</summary>
    [Function(ClaimSlots)]
    public Task<bool> ClaimSlotsAsync([ActivityTrigger] SlotClaim claim, CancellationToken cancellationToken) =>
        slots.ClaimAsync(claim, cancellationToken);

    /// <summary>Sends one notification (deduplicated where it lands).</summary>
    [Function(Notify)]
    public Task<bool> NotifyAsync([ActivityTrigger] NotifyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return sender.SendAsync(command.ToNotification(options.Value.StaffRecipient), cancellationToken);
    }

    /// <summary>The amount of an approved case from the subject's current facts (0 when it cannot be computed).</summary>
    [Function(ResolveAmount)]
    public Task<long> ResolveAmountAsync([ActivityTrigger] CaseInput input, CancellationToken cancellationToken) =>
        evaluator.ResolveAmountAsync(input, cancellationToken);
}
