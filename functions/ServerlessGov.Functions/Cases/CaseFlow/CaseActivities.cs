using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// The activities a case calls. Each runs at least once, so each is idempotent: the ledger, the budget, the slots and
/// the notifications are keyed by the case, and the payout executor asks the bank before any (re)submission.
/// </summary>
public static class CaseActivities
{
    /// <summary>Registers the payout in the ledger and moves it as far as it goes now (<see cref="PayoutExecutor.PayAsync"/>).</summary>
    public const string Pay = "PayCasePayout";

    /// <summary>Asks the bank what became of a payout and records it, never submitting.</summary>
    public const string Reconcile = "ReconcileCasePayout";

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

    /// <summary>Declares the activities on the host's catalog.</summary>
    public static FunctionsBuilder AddCaseActivities(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return functions
            .Activity<PaymentCommand, PaymentSnapshot>(Pay, PayAsync)
            .Activity<string, PaymentSnapshot>(Reconcile, ReconcileAsync)
            .Activity<BudgetRequest, BudgetAnswer>(ReserveBudget, (_, request, context, ct) => context.Services.GetRequiredService<BudgetLedger>().ReserveAsync(request, ct))
            .Activity<BudgetRequest, BudgetAnswer>(ReleaseBudget, (_, request, context, ct) => context.Services.GetRequiredService<BudgetLedger>().ReleaseAsync(request, ct))
            .Activity<SlotClaim, bool>(ClaimSlots, (_, claim, context, ct) => context.Services.GetRequiredService<BeneficiarySlots>().ClaimAsync(claim, ct))
            .Activity<NotifyCommand, bool>(Notify, NotifyAsync)
            .Activity<CaseInput, long>(ResolveAmount, (_, input, context, ct) => context.Services.GetRequiredService<PolicyEvaluator>().ResolveAmountAsync(input, ct));
    }

    private static async Task<PaymentSnapshot> PayAsync(TaskActivityContext activity, PaymentCommand command, FunctionContext context, CancellationToken cancellationToken)
    {
        var key = new PayoutKey(command.PolicyId, new SubjectId(command.SubjectId), command.PayoutPeriod);
        var ledger = context.Services.GetRequiredService<PayoutLedger>();
        var registered = await ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(command.AmountFen), new PayeeAccount(command.PayeeAccount), command.Purpose), cancellationToken).ConfigureAwait(false);
        await context.Services.GetRequiredService<PaymentCaseIndex>().RecordAsync(registered.Record.IdempotencyKey, command.CaseInstanceId, cancellationToken).ConfigureAwait(false);
        var record = await context.Services.GetRequiredService<PayoutExecutor>().PayAsync(key, cancellationToken).ConfigureAwait(false);
        return PaymentSnapshot.Of(record);
    }

    private static async Task<PaymentSnapshot> ReconcileAsync(TaskActivityContext activity, string idempotencyKey, FunctionContext context, CancellationToken cancellationToken)
    {
        var record = await context.Services.GetRequiredService<PayoutExecutor>().ReconcileAsync(idempotencyKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payout {idempotencyKey} is not in the ledger.");
        return PaymentSnapshot.Of(record);
    }

    private static Task<bool> NotifyAsync(TaskActivityContext activity, NotifyCommand command, FunctionContext context, CancellationToken cancellationToken)
    {
        var staff = context.Services.GetRequiredService<IOptions<CaseOptions>>().Value.StaffRecipient;
        return context.Services.GetRequiredService<INotificationSender>().SendAsync(command.ToNotification(staff), cancellationToken);
    }
}
