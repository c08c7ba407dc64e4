using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// <c>POST /api/payouts/bank-callbacks</c>, where the bank reports settlements, failures and returns. A callback
/// is only a hint: the ledger records what the bank answers when asked, so a forged, stale or repeated callback
/// changes nothing. Polling with <see cref="PayoutExecutor.ReconcileAsync"/> stays the backstop for lost callbacks.
/// </summary>
public static class PayoutCallbackApi
{
    /// <summary>The callback route under the host's route prefix (<c>/api/payouts/bank-callbacks</c>); point <c>Payouts:CallbackUrl</c> at it.</summary>
    public const string Route = "payouts/bank-callbacks";

    /// <summary>
    /// Declares the callback, the HTTP function <c>PayoutBankCallback</c> (<see cref="PayoutCallbackFunctions"/>), on a
    /// host that runs it without the rest of the app (the whole app reads it with every other <c>[Function]</c> method).
    /// Needs <see cref="PayoutsServiceCollectionExtensions.AddPayouts"/>.
    /// </summary>
    public static FunctionsBuilder AddPayoutCallbackFunction(this FunctionsBuilder functions) =>
        functions.AddFunctionsFrom(typeof(PayoutCallbackFunctions));

    /// <summary>Reads the bank's callback from <paramref name="body"/>, has the ledger ask the bank about its key, and tells the <paramref name="listeners"/> what the ledger recorded.</summary>
    internal static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        Stream body, PayoutExecutor executor, IEnumerable<IPayoutListener> listeners, CancellationToken cancellationToken)
    {
        BankPaymentCallback? callback;
        try
        {
            callback = await JsonSerializer.DeserializeAsync(body, BankJsonContext.Default.BankPaymentCallback, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            callback = null;
        }

        if (callback is null || !IdempotencyKeys.IsValid(callback.IdempotencyKey))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["idempotencyKey"] = [IdempotencyKeys.Rule] });
        }

        var record = await executor.ReconcileAsync(callback.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            foreach (var listener in listeners)
            {
                await listener.OnReconciledAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }

        return record is null
            ? TypedResults.Problem(
                title: "No payout under this key",
                detail: $"The ledger has no payout under idempotency key '{callback.IdempotencyKey}'.",
                statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok();
    }
}
