using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Policies;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Decides which SLA and department a new item gets: configured per policy first, then the published policy
/// (its department and track) when a policy catalog is registered, then the defaults of the source documents.
/// </summary>
internal sealed class ReviewSlaResolver(IOptions<ReviewOptions> options, IServiceProvider services)
{
    private const string UnknownDepartment = "unassigned";

    public async Task<(SlaPolicy Policy, string Department)> ResolveAsync(string policyId, int policyVersion, ReviewPriority priority, CancellationToken cancellationToken)
    {
        options.Value.Policies.TryGetValue(policyId, out var settings);
        var department = settings?.Department;
        var fast = settings?.FastApplication;
        if ((department is null || fast is null) && services.GetService(typeof(IPolicyCatalog)) is IPolicyCatalog catalog && policyVersion > 0)
        {
            var published = await catalog.GetAsync(policyId, new PolicyVersion(policyVersion), cancellationToken).ConfigureAwait(false);
            department ??= published?.Document.Department.Zh;
            fast ??= published?.Document.Track == PolicyTrack.FastApplication;
        }

        var configured = priority == ReviewPriority.Urgent ? settings?.Urgent : settings?.Normal;
        var policy = configured is not null
            ? new SlaPolicy(new SlaTarget(configured.Sign, configured.Clock), new SlaTarget(configured.Close, configured.Clock))
            : priority == ReviewPriority.Urgent ? SlaPolicy.Urgent
            : fast == true ? SlaPolicy.FastApplication
            : SlaPolicy.Normal;
        return (policy, department ?? UnknownDepartment);
    }
}
