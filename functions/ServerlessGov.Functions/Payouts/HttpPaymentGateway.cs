using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts.BankProtocol;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// <see cref="IPaymentGateway"/> over the bank HTTP protocol (the one the sandbox bank speaks). A timeout, a lost
/// connection or a server error during a submission is reported as <see cref="SubmissionOutcome.Unknown"/>, never as
/// a failure, because the bank may have recorded the payment before the answer was lost. Only a 400 (the bank
/// refused the instruction as invalid) is a rejection; any other refusal (401, 403, 404 from a wrong base URL, 429)
/// leaves the outcome unknown, so a misconfiguration never marks a payout as failed.
/// </summary>
/// <remarks>A typed client: <see cref="HttpClient.BaseAddress"/> and <see cref="HttpClient.Timeout"/> come from <see cref="PaymentGatewayOptions"/>.</remarks>
public sealed class HttpPaymentGateway : IPaymentGateway
{
    private readonly HttpClient _http;
    private readonly ILogger<HttpPaymentGateway> _logger;

    public HttpPaymentGateway(HttpClient http, ILogger<HttpPaymentGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<PaymentSubmissionResult> SubmitAsync(PaymentInstruction instruction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var body = new BankPaymentRequest(instruction.Payee.Value, instruction.Amount.Fen, instruction.Currency, instruction.Purpose, instruction.CallbackUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BankWire.PaymentsPath, UriKind.Relative))
        {
            Content = JsonContent.Create(body, BankJsonContext.Default.BankPaymentRequest),
        };
        request.Headers.Add(BankWire.IdempotencyKeyHeader, instruction.IdempotencyKey);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return PaymentSubmissionResult.Accepted;
            }

            var problem = await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                throw new IdempotencyKeyConflictException(instruction.IdempotencyKey, problem);
            }

            var code = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                return PaymentSubmissionResult.Rejected(problem ?? "HTTP 400");
            }

            Log.SubmissionUnanswered(_logger, instruction.IdempotencyKey, $"HTTP {code}");
            return PaymentSubmissionResult.Unknown($"The bank answered HTTP {code}.");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SubmissionUnanswered(_logger, instruction.IdempotencyKey, "timeout");
            return PaymentSubmissionResult.Unknown($"No answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            Log.SubmissionUnanswered(_logger, instruction.IdempotencyKey, ex.HttpRequestError.ToString());
            return PaymentSubmissionResult.Unknown($"The connection failed: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public async Task<PaymentStatus> QueryAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        IdempotencyKeys.Validate(idempotencyKey);
        var path = new Uri(BankWire.PaymentsPath + "/" + Uri.EscapeDataString(idempotencyKey), UriKind.Relative);
        try
        {
            using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && IsProblemDetails(response))
            {
                return PaymentStatus.Unknown;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PaymentGatewayUnavailableException($"The bank answered HTTP {(int)response.StatusCode} to a status query.");
            }

            var status = await response.Content.ReadFromJsonAsync(BankJsonContext.Default.BankPaymentStatus, cancellationToken).ConfigureAwait(false)
                ?? throw new PaymentGatewayUnavailableException("The bank answered a status query with an empty body.");
            return new PaymentStatus(BankWire.FromWire(status.Status), status.Reason, Money.FromFen(status.AmountFen));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PaymentGatewayUnavailableException("The bank did not answer a status query in time.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PaymentGatewayUnavailableException("The bank could not be reached for a status query.", ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new PaymentGatewayUnavailableException("The bank answered a status query with a body that is not a payment status.", ex);
        }
    }

    /// <summary>
    /// The bank says "no payment under this key" with a 404 carrying problem details; a bare 404 (a wrong base URL, a
    /// proxy) says nothing about the payment and must not be read as "never seen".
    /// </summary>
    private static bool IsProblemDetails(HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, "application/problem+json", StringComparison.OrdinalIgnoreCase);

    private static async Task<string?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync(BankJsonContext.Default.BankProblem, cancellationToken).ConfigureAwait(false);
            return problem?.Detail ?? problem?.Title;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
