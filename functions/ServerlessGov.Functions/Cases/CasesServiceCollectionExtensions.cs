using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Cases.Triggers;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Cases;

/// <summary>Registers the case feature's services. Needs the functions host (storage, durable client), the policy catalog, the subject reader and a notification sender.</summary>
public static class CasesServiceCollectionExtensions
{
    /// <summary>Registers evaluators, starters, the budget ledger, slots and the callback relay, with <see cref="CaseOptions"/> from <c>Cases</c>.</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CaseOptions>().Bind(configuration.GetSection(CaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PolicyEvaluator>();
        services.AddSingleton<Api.CaseDirectory>();
        services.AddSingleton<Api.CaseExplainer>();
        services.AddSingleton<Limits.BenefitContest>();
        services.AddSingleton<PaymentOnOpen>();
        services.AddSingleton<CaseStarter>();
        services.AddSingleton<PolicyRunStarter>();
        services.AddSingleton<SubjectReevaluator>();
        services.AddSingleton<BudgetWaiters>();
        services.AddSingleton<IObjectionTargets, StoppedAllowances>();
        services.TryAddSingleton(sp => new AuditTrail(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BudgetLedger>();
        services.AddSingleton<BeneficiarySlots>();
        services.AddSingleton<PaymentCaseIndex>();
        services.AddSingleton<IPayoutListener, CaseCallbackRelay>();
        return services;
    }
}
