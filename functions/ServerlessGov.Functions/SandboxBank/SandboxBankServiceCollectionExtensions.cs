using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Payouts.BankProtocol;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>Registers the sandbox bank: its store, its settler (a hosted service) and its callback client, configured from <c>SandboxBank</c>.</summary>
public static class SandboxBankServiceCollectionExtensions
{
    /// <summary>Registers the bank's services; declare its functions with <see cref="SandboxBankApi.AddSandboxBankFunctions"/>. Needs an <c>ITableStore</c> and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddSandboxBank(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SandboxBankOptions>()
            .Bind(configuration.GetSection(SandboxBankOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, BankJsonContext.Default));
        services.AddSingleton<SandboxPaymentStore>();
        services.TryAddSingleton<AppRelativeUrls>();
        services.AddSingleton<SandboxCallbackTargets>();
        services.AddHttpClient(SandboxBankSettler.CallbackClient);
        services.AddHostedService<SandboxBankSettler>();
        return services;
    }
}
