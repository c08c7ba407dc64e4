using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// <remarks>
/// A typed client: <see cref="HttpClient.Timeout"/>, the bank's address (absolute, or relative to this app, resolved
/// where it listens) and the client's credential come from <see cref="PaymentGatewayOptions"/>.
/// </remarks>
public sealed class HttpPaymentGateway : IPaymentGateway, IBankStatement
{
    private readonly HttpClient _http;
    private readonly PaymentGatewayOptions _options;
    private readonly AppRelativeUrls _urls;
    private readonly ILogger<HttpPaymentGateway> _logger;

    public HttpPaymentGateway(HttpClient http, IOptions<PaymentGatewayOptions> options, AppRelativeUrls urls, ILogger<HttpPaymentGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options.Value;
        _urls = urls;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<PaymentSubmissionResult> SubmitAsync(PaymentInstruction instruction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var body = new BankPaymentRequest(instruction.Payee.Value, instruction.Amount.Fen, instruction.Currency, instruction.Purpose, instruction.CallbackUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, await AddressAsync(BankWire.PaymentsPath, cancellationToken).ConfigureAwait(false))
        {
            Content = JsonContent.Create(body, BankJsonContext.Default.BankPaymentRequest),
        };
        request.Headers.Add(BankWire.IdempotencyKeyHeader, instruction.IdempotencyKey);
        Authenticate(request);
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
        using var request = new HttpRequestMessage(HttpMethod.Get, await AddressAsync(BankWire.PaymentsPath + "/" + Uri.EscapeDataString(idempotencyKey), cancellationToken).ConfigureAwait(false));
        Authenticate(request);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
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
            return new PaymentStatus(BankWire.FromWire(status.Status), status.Reason, status.AmountFen is { } fen ? Money.FromFen(fen) : null)
            {
                PayeeAccount = status.PayeeAccount,
                Currency = status.Currency,
                Purpose = status.Purpose,
            };
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

    /// <inheritdoc />
    public async Task<IReadOnlyList<BankStatementLine>> ReadAsync(DateTimeOffset receivedFrom, DateTimeOffset receivedBefore, CancellationToken cancellationToken = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"{BankWire.PaymentsPath}?from={Uri.EscapeDataString(receivedFrom.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(receivedBefore.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}");
        using var request = new HttpRequestMessage(HttpMethod.Get, await AddressAsync(path, cancellationToken).ConfigureAwait(false));
        Authenticate(request);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new PaymentGatewayUnavailableException($"The bank answered HTTP {(int)response.StatusCode} to a statement request.");
            }

            var lines = await response.Content.ReadFromJsonAsync(BankJsonContext.Default.ListBankPaymentStatus, cancellationToken).ConfigureAwait(false)
                ?? throw new PaymentGatewayUnavailableException("The bank answered a statement request with an empty body.");
            return lines.Select(l => new BankStatementLine(l.IdempotencyKey, l.AmountFen ?? throw new FormatException("A statement line has no amount."), BankWire.FromWire(l.Status), l.ReceivedAt)).ToList();
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PaymentGatewayUnavailableException("The bank did not answer a statement request in time.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PaymentGatewayUnavailableException("The bank could not be reached for a statement.", ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new PaymentGatewayUnavailableException("The bank answered a statement request with a body that is not a statement.", ex);
        }
    }

    /// <summary>A path under the bank's payments API root, which may be relative to this app (its own sandbox bank).</summary>
    private async Task<Uri> AddressAsync(string path, CancellationToken cancellationToken)
    {
        var root = await _urls.ResolveAsync(_options.BankBaseUrl!, cancellationToken).ConfigureAwait(false);
        return new Uri(root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"), path);
    }

    private void Authenticate(HttpRequestMessage request)
    {
        if (!string.IsNullOrEmpty(_options.ClientKey))
        {
            request.Headers.Add(BankWire.ClientKeyHeader, _options.ClientKey);
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
