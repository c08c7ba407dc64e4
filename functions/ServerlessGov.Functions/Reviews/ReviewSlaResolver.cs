using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Decides how urgent a new item is and which SLA and department it gets. Urgent when the request says so, when the
/// published policy marks all its reviews urgent, or when it lists the review's reason as urgent (with its condition
/// on the subject's facts satisfied, read from the registry when one is registered). Targets and department are
/// configured per policy first, then taken from the published policy (its department and track) when a policy catalog
/// is registered, then the defaults of the source documents. A published version never changes, so what it says is
/// read once per version, not once per item.
/// </summary>
internal sealed class ReviewSlaResolver(IOptions<ReviewOptions> options, IServiceProvider services, TimeProvider time)
{
    private const string UnknownDepartment = "unassigned";
    private readonly ConcurrentDictionary<(string PolicyId, int Version), Published> _published = new();

    /// <summary>The priority (and why it is urgent), the targets and the department of a new item for <paramref name="request"/>.</summary>
    public async Task<(ReviewPriority Priority, string? UrgentBecause, SlaPolicy Policy, string Department)> ResolveAsync(ReviewRequest request, CancellationToken cancellationToken)
    {
        var published = await PublishedAsync(request.PolicyId, request.PolicyVersion, cancellationToken).ConfigureAwait(false);
        var because = request.Priority == ReviewPriority.Urgent ? "request" : await UrgentBecauseAsync(request, published, cancellationToken).ConfigureAwait(false);
        var priority = because is null ? ReviewPriority.Normal : ReviewPriority.Urgent;
        var (policy, department) = Resolve(request.PolicyId, priority, published);
        return (priority, because, policy, department);
    }

    /// <summary>The targets and department of an item of <paramref name="policyId"/> at <paramref name="priority"/> (a priority change re-plans with them).</summary>
    public async Task<(SlaPolicy Policy, string Department)> ResolveAsync(string policyId, int policyVersion, ReviewPriority priority, CancellationToken cancellationToken) =>
        Resolve(policyId, priority, await PublishedAsync(policyId, policyVersion, cancellationToken).ConfigureAwait(false));

    private (SlaPolicy Policy, string Department) Resolve(string policyId, ReviewPriority priority, Published? published)
    {
        options.Value.Policies.TryGetValue(policyId, out var settings);
        var department = settings?.Department ?? published?.Department;
        var fast = settings?.FastApplication ?? published?.FastApplication;
        var configured = priority == ReviewPriority.Urgent ? settings?.Urgent : settings?.Normal;
        var policy = configured is not null
            ? new SlaPolicy(new SlaTarget(configured.Sign, configured.Clock), new SlaTarget(configured.Close, configured.Clock))
            : priority == ReviewPriority.Urgent ? SlaPolicy.Urgent
            : InBusinessDays(fast == true ? SlaPolicy.FastApplication : SlaPolicy.Normal);
        return (policy, department ?? UnknownDepartment);
    }

    // "policy" when every review of the policy is urgent; "reason:{name}" when the reason is listed (and its condition,
    // if any, is satisfied by the subject's facts: unknown or not satisfied leaves the item normal).
    private async Task<string?> UrgentBecauseAsync(ReviewRequest request, Published? published, CancellationToken cancellationToken)
    {
        if (published?.Document is not { } document)
        {
            return null;
        }

        if (document.Review.Always)
        {
            return "policy";
        }

        var reason = ReasonName(request.Kind);
        foreach (var urgent in document.Review.Reasons.Where(r => r.Reason == reason || (r.Reason == "objection" && request.Kind == ReviewReasonKind.ObjectionToStop)))
        {
            if (urgent.When is null || await SatisfiedAsync(document, urgent.When, request.SubjectId, cancellationToken).ConfigureAwait(false))
            {
                return "reason:" + urgent.Reason;
            }
        }

        return null;
    }

    private async Task<bool> SatisfiedAsync(PolicyDocument document, Domain.Rules.Syntax.RuleNode condition, string subjectId, CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(ISubjectFactsReader)) is not ISubjectFactsReader registry
            || await registry.GetAsync(new SubjectId(subjectId), cancellationToken).ConfigureAwait(false) is not { } subject)
        {
            return false;
        }

        var today = BusinessDate.FromInstant(time.GetUtcNow());
        var context = new EvaluationContext(PolicyEvaluator.Dictionary, today, today, today, document.ParametersOn(today));
        var facts = PolicyEvaluator.FactsOf(subject, await registry.GetCoverageAsync(cancellationToken).ConfigureAwait(false), today);
        return RuleCompiler.Compile(condition, context).Evaluate(facts) == Truth.Satisfied;
    }

    private static string ReasonName(ReviewReasonKind kind) => kind switch
    {
        ReviewReasonKind.FailedPayment => "failedPayment",
        ReviewReasonKind.Objection => "objection",
        ReviewReasonKind.ObjectionToStop => "objectionToStop",
        _ => "unknownFacts",
    };

    // A version not (yet) in the catalog is asked again next time; a found one is kept.
    private async Task<Published?> PublishedAsync(string policyId, int policyVersion, CancellationToken cancellationToken)
    {
        if (policyVersion < 1 || services.GetService(typeof(IPolicyCatalog)) is not IPolicyCatalog catalog)
        {
            return null;
        }

        if (_published.TryGetValue((policyId, policyVersion), out var known))
        {
            return known;
        }

        var found = await catalog.GetAsync(policyId, new PolicyVersion(policyVersion), cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return new Published(null, false, null);
        }

        var traits = new Published(found.Document.Department.Zh, found.Document.Track == PolicyTrack.FastApplication, found.Document);
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

    private sealed record Published(string? Department, bool? FastApplication, PolicyDocument? Document);
}
