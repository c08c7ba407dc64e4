using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>The sandbox bank's log events (ids 4100–4199). Only idempotency keys are logged: they name no person.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Sandbox bank: payment {IdempotencyKey} recorded; its answer is withheld to play a timeout")]
    public static partial void AnswerWithheld(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Sandbox bank: payment {IdempotencyKey} is now {Status}")]
    public static partial void StatusChanged(ILogger logger, string idempotencyKey, PaymentState status);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Sandbox bank: callback for {IdempotencyKey} version {Version} failed (attempt {Attempt}: {Failure}); retrying in {Delay}")]
    public static partial void CallbackFailed(ILogger logger, string idempotencyKey, int version, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Sandbox bank: callback for {IdempotencyKey} version {Version} abandoned after {Attempts} attempts ({Failure}); the receiver must poll")]
    public static partial void CallbackAbandoned(ILogger logger, string idempotencyKey, int version, int attempts, string failure);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Sandbox bank: a settlement pass failed; the next pass retries")]
    public static partial void SettlerPassFailed(ILogger logger, Exception exception);
}
