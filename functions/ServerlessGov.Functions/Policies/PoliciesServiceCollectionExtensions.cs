using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessGov.Functions.Audit;

namespace ServerlessGov.Functions.Policies;

/// <summary>Registers the policy lifecycle, the catalog policy runs read, and the audit trail they write to.</summary>
public static class PoliciesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PolicyLifecycle"/>, <see cref="PolicyCatalog"/> as <see cref="IPolicyCatalog"/>, and <see cref="AuditTrail"/> unless registered.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<PolicyCatalog>();
        services.TryAddSingleton<IPolicyCatalog>(sp => sp.GetRequiredService<PolicyCatalog>());
        services.TryAddSingleton<PolicyLifecycle>();
        return services;
    }
}
