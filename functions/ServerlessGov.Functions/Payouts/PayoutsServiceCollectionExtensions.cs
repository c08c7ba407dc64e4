using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ServerlessGov.Functions.Payouts;

/// <summary>Registers the payout ledger, the executor and the HTTP payment gateway, configured from <c>Payouts</c> and <c>Payments</c>.</summary>
public static class PayoutsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PayoutLedger"/>, <see cref="PayoutExecutor"/>, <see cref="PayoutKeySigner"/>,
    /// <see cref="PayoutMetrics"/> and <see cref="IPaymentGateway"/> as <see cref="HttpPaymentGateway"/> (the bank at
    /// <c>Payments:BankBaseUrl</c>, timeout <c>Payments:Timeout</c>, credential <c>Payments:ClientKey</c>). Needs an
    /// <c>ITableStore</c> and a <see cref="TimeProvider"/>.
    /// </summary>
    /// <remarks>
    /// Options are validated when the host starts: a missing bank URL or idempotency secret fails the start, naming the
    /// key. In the Development environment a missing secret is replaced by a random one for the process (payouts keep
    /// the key they were registered with, so processes with different secrets still pay each payout once).
    /// </remarks>
    public static IServiceCollection AddPayouts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PayoutOptions>()
            .Bind(configuration.GetSection(PayoutOptions.Section))
            .PostConfigure<IServiceProvider>((options, provider) =>
            {
                if (string.IsNullOrEmpty(options.IdempotencySecret) && provider.GetService<IHostEnvironment>()?.IsDevelopment() == true)
                {
                    options.IdempotencySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PayoutKeySigner.MinimumSecretBytes));
                }
            })
            .ValidateDataAnnotations()
            .Validate(payouts => PayoutKeySigner.IsValid(payouts.IdempotencySecret), PayoutKeySigner.Rule)
            .Validate<IOptions<PaymentGatewayOptions>>(
                (payouts, gateway) => payouts.SubmissionLease > gateway.Value.Timeout,
                $"{PayoutOptions.Section}:SubmissionLease must exceed {PaymentGatewayOptions.Section}:Timeout, so a slow submission is never joined by a second one.")
            .ValidateOnStart();
        services.AddOptions<PaymentGatewayOptions>()
            .Bind(configuration.GetSection(PaymentGatewayOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient<IPaymentGateway, HttpPaymentGateway>((sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<PaymentGatewayOptions>>().Value.Timeout);
        services.AddTransient(sp => (IBankStatement)sp.GetRequiredService<IPaymentGateway>());
        services.TryAddSingleton<AppRelativeUrls>();
        services.AddSingleton<PayoutKeySigner>();
        services.AddSingleton<PayoutMetrics>();
        services.AddMetrics();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(PayoutMetrics.MeterName));
        services.AddSingleton<PayoutLedger>();
        services.AddTransient<Reconciliation.LedgerReconciliation>();
        services.AddTransient<PayoutExecutor>();
        return services;
    }
}
