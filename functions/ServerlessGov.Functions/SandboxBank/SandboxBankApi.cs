using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// The sandbox bank's HTTP API under <c>/api/sandbox-bank/v1</c>: <c>POST payments</c> with an
/// <c>Idempotency-Key</c> header and <c>GET payments/{key}</c>, with real idempotency (same key and payload: the same
/// answer; same key, other payload: 422) and errors as problem details. Like a real bank it answers only its client
/// (the client's credential is a function key), and it calls back only this app's own callback endpoint.
/// </summary>
public static class SandboxBankApi
{
    /// <summary>The bank's route under the host's route prefix; <c>Payments:BankBaseUrl</c> points at <c>/api/sandbox-bank/v1/</c>.</summary>
    public const string Route = "sandbox-bank/v1";

    private const long MaxAmountFen = 1_000_000_000_000;

    /// <summary>The function that takes submissions; the bank is served while it is (<see cref="SandboxBankDefaults"/>).</summary>
    public const string SubmitFunction = "SandboxBankSubmitPayment";

    /// <summary>The function that answers queries.</summary>
    public const string GetFunction = "SandboxBankGetPayment";

    /// <summary>The function that answers statement requests (<c>GET payments?from=&amp;to=</c>).</summary>
    public const string ListFunction = "SandboxBankListPayments";

    /// <summary>
    /// Declares the bank's HTTP functions (<see cref="SandboxBankFunctions"/>) and the rule of their <c>{key}</c> on a host
    /// that runs the bank without the rest of the app (the whole app reads them with every other <c>[Function]</c>
    /// method). Needs <see cref="SandboxBankServiceCollectionExtensions.AddSandboxBank"/>.
    /// </summary>
    public static FunctionsBuilder AddSandboxBankFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return functions.RouteValue(AppRouteValues.IdempotencyKey).AddFunctionsFrom(typeof(SandboxBankFunctions));
    }

    /// <summary>Takes a payment instruction (see the class summary for its rules).</summary>
    internal static async Task<Results<Accepted<BankPaymentAccepted>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> SubmitAsync(
        HttpContext context,
        SandboxPaymentStore store,
        SandboxCallbackTargets callbacks,
        IOptions<SandboxBankOptions> options,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var cancellationToken = context.RequestAborted;
        var key = context.Request.Headers[BankWire.IdempotencyKeyHeader].ToString();
        BankPaymentRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, BankJsonContext.Default.BankPaymentRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = ["The value is not valid JSON of the expected type."] },
                detail: "The request body is not a payment instruction.");
        }

        var errors = Validate(key, body);
        if (body?.CallbackUrl is { IsAbsoluteUri: true } callback && !errors.ContainsKey("callbackUrl")
            && !await callbacks.AllowsAsync(callback, cancellationToken).ConfigureAwait(false))
        {
            errors["callbackUrl"] = ["The bank calls back only this app's own payout callback endpoint (SandboxBank:CallbackUrls)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The payment instruction breaks " + string.Join(", ", errors.Keys) + ".");
        }

        var request = body!;
        var payloadHash = CanonicalPayload.Hash(request.PayeeAccount!, request.AmountFen!.Value, request.Currency!, request.Purpose!);
        var now = WholeMilliseconds(time.GetUtcNow());
        var settings = options.Value;
        var added = await store.TryAddAsync(
            new SandboxPayment
            {
                IdempotencyKey = key,
                PayloadHash = payloadHash,
                PayeeAccount = request.PayeeAccount!,
                AmountFen = request.AmountFen.Value,
                Currency = request.Currency!,
                Purpose = request.Purpose!,
                CallbackUrl = request.CallbackUrl,
                Status = PaymentState.Pending,
                ReceivedAt = now,
                UpdatedAt = now,
                SettleAt = now + settings.SettlementDelay,
                ReturnAfterSettling = SandboxBankRules.WillReturn(settings, key),
                StatusVersion = 1,
                CallbackVersion = 1,
                Requests = 1,
            },
            cancellationToken).ConfigureAwait(false);

        if (added is not null)
        {
            if (SandboxBankRules.WillTimeOut(settings, key))
            {
                var logger = loggers.CreateLogger(typeof(SandboxBankApi).FullName!);
                Log.AnswerWithheld(logger, key);
                try
                {
                    await Task.Delay(settings.HangTime, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The caller gave up waiting, which is the point of this rule.
                }

                context.Abort();
                return TypedResults.Empty;
            }

            return TypedResults.Accepted(Location(context, key), AcceptedBody(added));
        }

        var existing = await store.GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payment {key} was reported as existing but cannot be read.");
        if (!string.Equals(existing.PayloadHash, payloadHash, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                title: "Idempotency key reused with a different payment",
                detail: $"Idempotency key '{key}' was first used for a different payment (account, amount, currency or purpose); a key names one payment forever.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["idempotencyKey"] = key });
        }

        await CountReplayAsync(store, existing, cancellationToken).ConfigureAwait(false);
        context.Response.Headers[BankWire.ReplayedHeader] = "true";
        return TypedResults.Accepted(Location(context, key), AcceptedBody(existing));
    }

    /// <summary>The payment under <paramref name="key"/>, as the bank holds it now.</summary>
    internal static async Task<Results<Ok<BankPaymentStatus>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string key,
        SandboxPaymentStore store,
        CancellationToken cancellationToken)
    {
        if (!IdempotencyKeys.IsValid(key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = [IdempotencyKeys.Rule] });
        }

        var payment = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (payment is null)
        {
            return TypedResults.Problem(
                title: "No payment under this key",
                detail: $"The bank has no payment under idempotency key '{key}'.",
                statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(new BankPaymentStatus(
            payment.IdempotencyKey, BankWire.ToWire(payment.Status), payment.Reason, payment.AmountFen, payment.Currency, payment.ReceivedAt, payment.UpdatedAt,
            payment.PayeeAccount, payment.Purpose));
    }

    /// <summary>The longest span one statement covers.</summary>
    public static readonly TimeSpan MaxStatementSpan = TimeSpan.FromDays(31);

    /// <summary>The statement: every payment received in [from, to), as the bank holds it now.</summary>
    internal static async Task<Results<Ok<List<BankPaymentStatus>>, ValidationProblem>> ListAsync(
        DateTimeOffset? from, DateTimeOffset? to, SandboxPaymentStore store, CancellationToken cancellationToken)
    {
        if (from is null || to is null || to <= from || to - from > MaxStatementSpan)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["from"] = ["from and to are instants (ISO 8601) with from before to, at most 31 days apart"],
            });
        }

        var lines = new List<BankPaymentStatus>();
        await foreach (var payment in store.QueryReceivedAsync(from.Value, to.Value, cancellationToken).ConfigureAwait(false))
        {
            lines.Add(new BankPaymentStatus(payment.IdempotencyKey, BankWire.ToWire(payment.Status), payment.Reason, payment.AmountFen, payment.Currency, payment.ReceivedAt, payment.UpdatedAt));
        }

        return TypedResults.Ok(lines);
    }

    private static Dictionary<string, string[]> Validate(string key, BankPaymentRequest? body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!IdempotencyKeys.IsValid(key))
        {
            errors[BankWire.IdempotencyKeyHeader] = [string.IsNullOrEmpty(key) ? "The Idempotency-Key header is required." : IdempotencyKeys.Rule];
        }

        if (body is null)
        {
            errors["body"] = ["A payment instruction is required."];
            return errors;
        }

        if (!PayeeAccount.IsValid(body.PayeeAccount, out var accountRule))
        {
            errors["payeeAccount"] = [body.PayeeAccount is null ? "The payee account is required." : accountRule];
        }

        if (body.AmountFen is not { } amount)
        {
            errors["amountFen"] = ["The amount in fen is required."];
        }
        else if (amount is <= 0 or > MaxAmountFen)
        {
            errors["amountFen"] = [$"The amount must be greater than 0 and at most {MaxAmountFen} fen."];
        }

        if (!string.Equals(body.Currency, PaymentInstruction.Cny, StringComparison.Ordinal))
        {
            errors["currency"] = [body.Currency is null ? "The currency is required." : "The currency must be CNY."];
        }

        if (string.IsNullOrWhiteSpace(body.Purpose) || body.Purpose.Length > PaymentInstruction.MaxPurposeLength)
        {
            errors["purpose"] = [$"The purpose is required and has at most {PaymentInstruction.MaxPurposeLength} characters."];
        }

        if (body.CallbackUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            errors["callbackUrl"] = ["The callback URL must be an absolute http or https URL."];
        }

        return errors;
    }

    private static async Task CountReplayAsync(SandboxPaymentStore store, SandboxPayment existing, CancellationToken cancellationToken)
    {
        var current = existing;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await store.TryReplaceAsync(current with { Requests = current.Requests + 1 }, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            current = await store.GetAsync(existing.IdempotencyKey, cancellationToken).ConfigureAwait(false) ?? existing;
        }
    }

    private static BankPaymentAccepted AcceptedBody(SandboxPayment payment) =>
        new(payment.IdempotencyKey, BankWire.Accepted, payment.ReceivedAt);

    /// <summary>Instants are kept to the millisecond so that a replay, read back from any store, repeats the first answer exactly.</summary>
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>The payment's own URL: the submission's path (wherever the host's route prefix put it) plus the key.</summary>
    private static string Location(HttpContext context, string key) =>
        $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(key)}";
}
