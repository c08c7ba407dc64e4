using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Policies;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Decides which SLA and department a new item gets: configured per policy first, then the published policy
/// (its department and track) when a policy catalog is registered, then the defaults of the source documents.
/// A published version never changes, so what it says is read once per version, not once per item.
/// </summary>
internal sealed class ReviewSlaResolver(IOptions<ReviewOptions> options, IServiceProvider services)
{
    private const string UnknownDepartment = "unassigned";
    private readonly ConcurrentDictionary<(string PolicyId, int Version), (string Department, bool FastApplication)> _published = new();

    public async Task<(SlaPolicy Policy, string Department)> ResolveAsync(string policyId, int policyVersion, ReviewPriority priority, CancellationToken cancellationToken)
    {
        options.Value.Policies.TryGetValue(policyId, out var settings);
        var department = settings?.Department;
        var fast = settings?.FastApplication;
        if (department is null || fast is null)
        {
            var (publishedDepartment, publishedFast) = await PublishedAsync(policyId, policyVersion, cancellationToken).ConfigureAwait(false);
            department ??= publishedDepartment;
            fast ??= publishedFast;
        }

        var configured = priority == ReviewPriority.Urgent ? settings?.Urgent : settings?.Normal;
        var policy = configured is not null
            ? new SlaPolicy(new SlaTarget(configured.Sign, configured.Clock), new SlaTarget(configured.Close, configured.Clock))
            : priority == ReviewPriority.Urgent ? SlaPolicy.Urgent
            : InBusinessDays(fast == true ? SlaPolicy.FastApplication : SlaPolicy.Normal);
        return (policy, department ?? UnknownDepartment);
    }

    // A version not (yet) in the catalog is asked again next time; a found one is kept.
    private async Task<(string? Department, bool? FastApplication)> PublishedAsync(string policyId, int policyVersion, CancellationToken cancellationToken)
    {
        if (policyVersion < 1 || services.GetService(typeof(IPolicyCatalog)) is not IPolicyCatalog catalog)
        {
            return (null, null);
        }

        if (_published.TryGetValue((policyId, policyVersion), out var known))
        {
            return known;
        }

        var published = await catalog.GetAsync(policyId, new PolicyVersion(policyVersion), cancellationToken).ConfigureAwait(false);
        if (published is null)
        {
            return (null, false);
        }

        var traits = (published.Document.Department.Zh, published.Document.Track == PolicyTrack.FastApplication);
        _published.TryAdd((policyId, policyVersion), traits);
        return traits;
    }

    // The defaults promise working days ("7 working days" as 7 × 24 working hours). With business hours a working
    // day is only the business-hours window, so the defaults are re-scaled to keep meaning days, not 24-hour blocks.
    private SlaPolicy InBusinessDays(SlaPolicy policy)
    {
        if (options.Value is not { BusinessHoursStart: { } start, BusinessHoursEnd: { } end } || end <= start)
        {
            return policy;
        }

        var day = end - start;
        return new SlaPolicy(Scale(policy.Sign), Scale(policy.Close));

        SlaTarget Scale(SlaTarget target) => target.Clock == SlaClockKind.WorkingTime
            ? new SlaTarget(TimeSpan.FromTicks((long)((Int128)target.Duration.Ticks * day.Ticks / TimeSpan.TicksPerDay)), target.Clock)
            : target;
    }
}
