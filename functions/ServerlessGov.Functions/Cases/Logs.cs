using Microsoft.Extensions.Logging;

namespace ServerlessGov.Functions.Cases;

/// <summary>The case feature's log events (ids 4200–4299). Never a subject id: only counts, policy ids and instance kinds.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Subject change re-evaluated: {ChangedFacts} changed facts, {Touched} cases opened or woken")]
    public static partial void Reevaluated(ILogger logger, int changedFacts, int touched);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Policy runs started by {Trigger}: {Count}")]
    public static partial void RunsStarted(ILogger logger, string trigger, int count);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Bank callback for payout {IdempotencyKey}: no waiting case is known; the ledger was reconciled only")]
    public static partial void CallbackWithoutCase(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Intention confirmation answered for policy {PolicyId}: confirmed {Confirmed}")]
    public static partial void IntentionAnswered(ILogger logger, string policyId, bool confirmed);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "Corrected account given for a case of policy {PolicyId} by a {Role}")]
    public static partial void AccountCorrected(ILogger logger, string policyId, string role);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Information, Message = "Policy {PolicyId} published: {Count} cases waiting for budget woken")]
    public static partial void BudgetWaitersWoken(ILogger logger, string policyId, int count);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "A case of policy {PolicyId} could not be paid as it opened ({Reason}); its orchestration pays it")]
    public static partial void PaymentOnOpenDeferred(ILogger logger, string policyId, string reason);
}
