using Microsoft.Extensions.Logging;

namespace ServerlessGov.Functions.Payouts;

/// <summary>The payout feature's log events (ids 4000–4099). Only idempotency keys are logged: they name no person.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Payment {IdempotencyKey}: the bank's answer to the submission was lost ({Cause}); the outcome is unknown until the bank is asked")]
    public static partial void SubmissionUnanswered(ILogger logger, string idempotencyKey, string cause);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Payout {IdempotencyKey}: the bank could not be asked ({Cause}); nothing is submitted until it answers")]
    public static partial void BankUnavailable(ILogger logger, string idempotencyKey, string cause);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Payout {IdempotencyKey}: another writer changed the record first; deciding again from the current record")]
    public static partial void LostRace(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Critical, Message = "ALERT payout {IdempotencyKey} (policy {PolicyId}, period {Period}): the bank holds a different payment under this key ({Differences}); nothing is paid under it, and the case goes to a reviewer")]
    public static partial void KeyConflict(ILogger logger, string idempotencyKey, string policyId, string period, string differences);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Payout {IdempotencyKey} is sent with an unknown outcome; the next run asks the bank before anything else")]
    public static partial void OutcomeUnknown(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Payout {IdempotencyKey} submitted: {Outcome}; ledger state {State}")]
    public static partial void Submitted(ILogger logger, string idempotencyKey, SubmissionOutcome outcome, PayoutState state);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Payout {IdempotencyKey} moved from {From} to {To}")]
    public static partial void StateChanged(ILogger logger, string idempotencyKey, PayoutState from, PayoutState to);
}
