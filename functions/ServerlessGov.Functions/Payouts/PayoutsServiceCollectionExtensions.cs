using Microsoft.Extensions.Options;

namespace ServerlessGov.Functions.Payouts;

/// <summary>Registers the payout ledger, the executor and the HTTP payment gateway, configured from <c>Payouts</c> and <c>Payments</c>.</summary>
public static class PayoutsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PayoutLedger"/>, <see cref="PayoutExecutor"/> and <see cref="IPaymentGateway"/> as
    /// <see cref="HttpPaymentGateway"/> (base address <c>Payments:BankBaseUrl</c>, timeout <c>Payments:Timeout</c>).
    /// Needs an <c>ITableStore</c> and a <see cref="TimeProvider"/> registered.
    /// </summary>
    /// <remarks>Options are validated when the host starts: a missing bank URL fails the start, naming the key.</remarks>
    public static IServiceCollection AddPayouts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PayoutOptions>()
            .Bind(configuration.GetSection(PayoutOptions.Section))
            .ValidateDataAnnotations()
            .Validate<IOptions<PaymentGatewayOptions>>(
                (payouts, gateway) => payouts.SubmissionLease > gateway.Value.Timeout,
                $"{PayoutOptions.Section}:SubmissionLease must exceed {PaymentGatewayOptions.Section}:Timeout, so a slow submission is never joined by a second one.")
            .ValidateOnStart();
        services.AddOptions<PaymentGatewayOptions>()
            .Bind(configuration.GetSection(PaymentGatewayOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.BankBaseUrl is { IsAbsoluteUri: true }, $"{PaymentGatewayOptions.Section}:BankBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddHttpClient<IPaymentGateway, HttpPaymentGateway>((sp, client) =>
        {
            var options = sp.GetRequiredService<IOptions<PaymentGatewayOptions>>().Value;
            var baseUrl = options.BankBaseUrl!.AbsoluteUri;
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.Timeout = options.Timeout;
        });
        services.AddSingleton<PayoutLedger>();
        services.AddTransient<PayoutExecutor>();
        return services;
    }
}
