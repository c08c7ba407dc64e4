using ServerlessGov.Functions.Policies.Api;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Policies;

/// <summary>Declares the policy lifecycle's functions: the HTTP API with its roles, and the timer that relays changes a crash left pending.</summary>
public static class PolicyFunctions
{
    /// <summary>Every function of the policy lifecycle. Needs <see cref="PoliciesServiceCollectionExtensions.AddPolicies"/>.</summary>
    public static FunctionsBuilder AddPolicyFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var authors = FunctionAuthorization.Roles(FunctionRoles.PolicyAuthor);
        var readers = FunctionAuthorization.Roles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor, FunctionRoles.Auditor);
        return functions
            .RouteValue(AppRouteValues.PolicyId)
            .RouteValue(AppRouteValues.Version)
            .Http("ListPolicies", "GET", "policies", PolicyApi.ListAsync, readers)
            .Http("CreatePolicyDraft", "POST", "policies/drafts", PolicyApi.CreateDraftAsync, authors)
            .Http("ValidatePolicyDocument", "POST", "policies/validate", PolicyApi.Validate, authors)
            .Http("GetPolicyDraft", "GET", "policies/{policyId}/draft", PolicyApi.GetDraftAsync, FunctionAuthorization.Roles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor))
            .Http("UpdatePolicyDraft", "PUT", "policies/{policyId}/draft", PolicyApi.UpdateDraftAsync, authors)
            .Http("DiscardPolicyDraft", "DELETE", "policies/{policyId}/draft", PolicyApi.DiscardDraftAsync, authors)
            .Http("ValidatePolicyDraft", "POST", "policies/{policyId}/draft/validate", PolicyApi.ValidateDraftAsync, authors)
            .Http("DryRunPolicyDraft", "POST", "policies/{policyId}/draft/dry-run", PolicyApi.DryRunAsync, authors)
            .Http("PublishPolicy", "POST", "policies/{policyId}/publish", PolicyApi.PublishAsync, authors)
            .Http("ListPolicyVersions", "GET", "policies/{policyId}/versions", PolicyApi.ListVersionsAsync, readers)
            .Http("GetPolicyVersion", "GET", "policies/{policyId}/versions/{version:int}", PolicyApi.GetVersionAsync, readers)
            .Http("RetirePolicyVersion", "POST", "policies/{policyId}/versions/{version:int}/retire", PolicyApi.RetireAsync, FunctionAuthorization.Roles(FunctionRoles.Supervisor))
            .Http("GetPolicyHistory", "GET", "policies/{policyId}/history", PolicyApi.HistoryAsync, readers)
            .Http("GetDataDictionary", "GET", "dictionary", DictionaryApi.Get,
                FunctionAuthorization.Roles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor, FunctionRoles.Auditor, FunctionRoles.Reviewer))
            .Timer("RelayPolicyChanges", "0 */1 * * * *", RelayPendingChangesAsync, runOnStartup: true);
    }

    private static async Task RelayPendingChangesAsync(Hosting.Timers.TimerInfo timer, FunctionContext context, CancellationToken cancellationToken) =>
        await context.Services.GetRequiredService<PolicyLifecycle>().RelayPendingChangesAsync(cancellationToken).ConfigureAwait(false);
}
