using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The bank's callback as an isolated-worker function (<see cref="PayoutCallbackApi"/> says what it does). The Azure
/// Functions host loads it from <c>functions.metadata</c>; the local runtime reads the same attributes.
/// </summary>
public sealed class PayoutCallbackFunctions(PayoutExecutor executor, IEnumerable<IPayoutListener> listeners)
{
    /// <summary>
    /// POST payouts/bank-callbacks: public on purpose, as the bank holds no token of ours, and a callback only makes the
    /// ledger ask the bank; 404 for a key the ledger never issued.
    /// </summary>
    [Function("PayoutBankCallback")]
    [PublicFunction]
    public Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PayoutCallbackApi.Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PayoutCallbackApi.ReceiveAsync(request.Body, executor, listeners, cancellationToken);
    }
}
