using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// The sandbox bank's back office: settles (or fails) payments once their delay has passed, sends some back after
/// settling, and reports every change to the instruction's callback URL, retrying with backoff until the receiver
/// answers 2xx. Each change is written before it is reported, and every write is conditional on the row's ETag, so
/// two settlers never apply the same change twice (a callback may be repeated, which receivers must accept). It works
/// only while the app serves the bank (its functions are not switched off), and calls back only the addresses
/// <see cref="SandboxCallbackTargets"/> allows.
/// </summary>
internal sealed class SandboxBankSettler : BackgroundService
{
    /// <summary>The named <see cref="HttpClient"/> used for callbacks.</summary>
    public const string CallbackClient = "sandbox-bank-callbacks";

    private static readonly TimeSpan MaxCallbackDelay = TimeSpan.FromMinutes(1);

    private readonly IServiceProvider _services;
    private SandboxPaymentStore? _store;
    private readonly IOptions<SandboxBankOptions> _options;
    private readonly TimeProvider _time;
    private readonly IHttpClientFactory _clients;
    private readonly ILogger<SandboxBankSettler> _logger;

    // The store is resolved when the settler first runs: the functions host opens storage only as it starts.
    public SandboxBankSettler(IServiceProvider services, IOptions<SandboxBankOptions> options, TimeProvider time, IHttpClientFactory clients, ILogger<SandboxBankSettler> logger)
    {
        _services = services;
        _options = options;
        _time = time;
        _clients = clients;
        _logger = logger;
    }

    private SandboxPaymentStore Store => _store ??= _services.GetRequiredService<SandboxPaymentStore>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_services.GetRequiredService<FunctionCatalog>().Functions.Any(f => f.Name == SandboxBankApi.SubmitFunction))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ProcessDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.SettlerPassFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(_options.Value.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every payment with something due now.</summary>
    internal async Task ProcessDueAsync(CancellationToken cancellationToken)
    {
        var due = new List<SandboxPayment>();
        await foreach (var payment in Store.QueryDueAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            due.Add(payment);
        }

        foreach (var payment in due)
        {
            await ProcessAsync(payment, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(SandboxPayment payment, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var now = _time.GetUtcNow();
        var changed = Advance(payment, options, now);
        if (changed is not null)
        {
            var written = await Store.TryReplaceAsync(changed, cancellationToken).ConfigureAwait(false);
            if (written is null)
            {
                return;
            }

            payment = written;
            Log.StatusChanged(_logger, payment.IdempotencyKey, payment.Status);
        }

        if (payment.OwesCallback && payment.CallbackNextAt is { } at && at <= now)
        {
            var reported = await CallBackAsync(payment, options, cancellationToken).ConfigureAwait(false);
            await Store.TryReplaceAsync(reported, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The payment after the change that is due now (settle, fail or return), or null when none is.</summary>
    private static SandboxPayment? Advance(SandboxPayment payment, SandboxBankOptions options, DateTimeOffset now)
    {
        if (payment.Status == PaymentState.Pending && payment.SettleAt <= now)
        {
            var closed = SandboxBankRules.IsClosedAccount(options, payment.PayeeAccount);
            return Changed(payment, now) with
            {
                Status = closed ? PaymentState.Failed : PaymentState.Settled,
                Reason = closed ? "account closed" : null,
                ReturnAt = !closed && payment.ReturnAfterSettling ? now + options.ReturnDelay : null,
            };
        }

        if (payment.Status == PaymentState.Settled && payment.ReturnAt is { } returnAt && returnAt <= now)
        {
            return Changed(payment, now) with { Status = PaymentState.Returned, Reason = "returned by the payee's bank", ReturnAt = null };
        }

        return null;
    }

    private static SandboxPayment Changed(SandboxPayment payment, DateTimeOffset now) => payment with
    {
        UpdatedAt = now,
        StatusVersion = payment.StatusVersion + 1,
        CallbackAttempts = 0,
        CallbackNextAt = now,
    };

    private async Task<SandboxPayment> CallBackAsync(SandboxPayment payment, SandboxBankOptions options, CancellationToken cancellationToken)
    {
        var callback = new BankPaymentCallback(payment.IdempotencyKey, BankWire.ToWire(payment.Status), payment.Reason, payment.StatusVersion, payment.UpdatedAt);
        if (payment.CallbackUrl is not { } url || !await _services.GetRequiredService<SandboxCallbackTargets>().AllowsAsync(url, cancellationToken).ConfigureAwait(false))
        {
            // Recorded before the callback addresses were checked: reported nowhere, the receiver polls.
            Log.CallbackAbandoned(_logger, payment.IdempotencyKey, payment.StatusVersion, 0, "not an allowed callback address");
            return payment with { CallbackVersion = payment.StatusVersion, CallbackNextAt = null };
        }

        string failure;
        try
        {
            var client = _clients.CreateClient(CallbackClient);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CallbackTimeout);
            using var response = await client.PostAsJsonAsync(url, callback, BankJsonContext.Default.BankPaymentCallback, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return payment with { CallbackVersion = payment.StatusVersion, CallbackAttempts = 0, CallbackNextAt = null };
            }

            failure = $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = "timeout";
        }
        catch (HttpRequestException ex)
        {
            failure = ex.HttpRequestError.ToString();
        }

        var attempts = payment.CallbackAttempts + 1;
        if (attempts >= options.CallbackMaxAttempts)
        {
            Log.CallbackAbandoned(_logger, payment.IdempotencyKey, payment.StatusVersion, attempts, failure);
            return payment with { CallbackVersion = payment.StatusVersion, CallbackAttempts = attempts, CallbackNextAt = null };
        }

        var delay = TimeSpan.FromTicks(Math.Min(options.CallbackRetryDelay.Ticks << Math.Min(attempts - 1, 20), MaxCallbackDelay.Ticks));
        Log.CallbackFailed(_logger, payment.IdempotencyKey, payment.StatusVersion, attempts, failure, delay);
        return payment with { CallbackAttempts = attempts, CallbackNextAt = _time.GetUtcNow() + delay };
    }
}
