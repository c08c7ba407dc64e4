using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Payouts.BankProtocol;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// The sandbox bank's HTTP API as isolated-worker functions (<see cref="SandboxBankApi"/> says what it does), callable
/// with a function key only (the client's credential, <c>Payments:ClientKey</c> on the paying side). Switched off
/// outside Development unless <c>SandboxBank:Enabled</c> (<see cref="SandboxBankDefaults"/>). The Azure Functions host
/// loads them from <c>functions.metadata</c>; the local runtime reads the same attributes. Internal, as the bank's store
/// is: the worker's generated executor calls a non-public class through its reflection executor.
/// </summary>
internal sealed class SandboxBankFunctions(
    SandboxPaymentStore store, SandboxCallbackTargets callbacks, IOptions<SandboxBankOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>POST payments with an <c>Idempotency-Key</c> header: 202 with the payment's URL; the same key and payload again, the same answer.</summary>
    [Function(SandboxBankApi.SubmitFunction)]
    public Task<Results<Accepted<BankPaymentAccepted>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = SandboxBankApi.Route + "/" + BankWire.PaymentsPath)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SandboxBankApi.SubmitAsync(request.HttpContext, store, callbacks, options, time, loggers);
    }

    /// <summary>GET payments/{key}: the payment as the bank holds it now; 404 for a key it never received.</summary>
    [Function(SandboxBankApi.GetFunction)]
    public Task<Results<Ok<BankPaymentStatus>, ValidationProblem, ProblemHttpResult>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = SandboxBankApi.Route + "/" + BankWire.PaymentsPath + "/{key}")] HttpRequest request, string key, CancellationToken cancellationToken) =>
        SandboxBankApi.GetAsync(key, store, cancellationToken);

    /// <summary>GET payments?from=&amp;to=: the statement, every payment received in [from, to).</summary>
    [Function(SandboxBankApi.ListFunction)]
    public Task<Results<Ok<List<BankPaymentStatus>>, ValidationProblem>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = SandboxBankApi.Route + "/" + BankWire.PaymentsPath)] HttpRequest request,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        SandboxBankApi.ListAsync(from, to, store, cancellationToken);
}
