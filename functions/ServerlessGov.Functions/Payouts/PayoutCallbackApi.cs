using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;

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
    /// Declares the callback as the HTTP function <c>PayoutBankCallback</c>. It is public on purpose: the bank holds
    /// no token of ours, and a callback only makes the ledger ask the bank. Needs <see cref="PayoutsServiceCollectionExtensions.AddPayouts"/>.
    /// </summary>
    public static FunctionsBuilder AddPayoutCallbackFunction(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return functions.Http("PayoutBankCallback", "POST", Route, ReceiveAsync, FunctionAuthorization.Public);
    }

    private static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ReceiveAsync(HttpContext context, PayoutExecutor executor)
    {
        var cancellationToken = context.RequestAborted;
        BankPaymentCallback? callback;
        try
        {
            callback = await JsonSerializer.DeserializeAsync(context.Request.Body, BankJsonContext.Default.BankPaymentCallback, cancellationToken).ConfigureAwait(false);
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
            foreach (var listener in context.RequestServices.GetServices<IPayoutListener>())
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
