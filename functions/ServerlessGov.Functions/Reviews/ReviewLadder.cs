using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The escalation ladder of an item: when each rung of each running deadline is reached (in working time, skipping
/// pauses) and who is told. The orchestration's timers, the sweep and the queue handler all ask this one place.
/// </summary>
public sealed class ReviewLadder
{
    private static readonly EscalationLevel[] Levels = [EscalationLevel.Reminder, EscalationLevel.Warning, EscalationLevel.Breach];
    private readonly SlaClock _clock;
    private readonly ReviewOptions _options;

    public ReviewLadder(SlaClock clock, IOptions<ReviewOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _options = options.Value;
    }

    /// <summary>Every step of the deadlines still running, with its due time (null while paused).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public IReadOnlyList<EscalationStep> Steps(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var steps = new List<EscalationStep>();
        foreach (var deadline in Enum.GetValues<ReviewDeadline>())
        {
            if (!item.IsRunning(deadline))
            {
                continue;
            }

            foreach (var level in Levels)
            {
                steps.Add(new EscalationStep(deadline, level, DueAt(item, deadline, level), item.PlanFor(deadline).Plan));
            }
        }

        return steps;
    }

    /// <summary>When <paramref name="level"/> of <paramref name="deadline"/> is reached; null while the clock is paused before it.</summary>
    public DateTimeOffset? DueAt(ReviewItem item, ReviewDeadline deadline, EscalationLevel level)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _clock.DueAt(item.StartOf(deadline), item.TargetFor(deadline), level, item.Pauses);
    }

    /// <summary>
    /// The deadline's due instant when it was missed by <paramref name="now"/>: met at or after it, or still running
    /// at or after it. A breach is a fact about time, whichever message or action comes first; null when it was not.
    /// </summary>
    public DateTimeOffset? BreachedAt(ReviewItem item, ReviewDeadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        var until = item.DoneAt(deadline) is { } done && done < now ? done : now;
        return DueAt(item, deadline, EscalationLevel.Breach) is { } due && due <= until ? due : null;
    }

    /// <summary>The deadlines missed by <paramref name="now"/>.</summary>
    public IReadOnlyList<ReviewDeadline> Breaches(ReviewItem item, DateTimeOffset now) =>
        Enum.GetValues<ReviewDeadline>().Where(d => BreachedAt(item, d, now) is not null).ToList();

    /// <summary>
    /// The step to notify now for <paramref name="level"/> of <paramref name="deadline"/>, or null. A breach is notified
    /// whenever the deadline was missed, even if someone acted since (signed or decided late); a reminder or a warning
    /// only while the deadline still runs (once it stopped in time there is nobody left to remind).
    /// </summary>
    public EscalationStep? DueStep(ReviewItem item, ReviewDeadline deadline, EscalationLevel level, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        var plan = item.PlanFor(deadline).Plan;
        if (level == EscalationLevel.Breach)
        {
            return BreachedAt(item, deadline, now) is { } breached ? new EscalationStep(deadline, level, breached, plan) : null;
        }

        return item.IsRunning(deadline) && DueAt(item, deadline, level) is { } due && due <= now ? new EscalationStep(deadline, level, due, plan) : null;
    }

    /// <summary>Steps to notify by <paramref name="now"/> that have not been notified yet (breaches of stopped deadlines included).</summary>
    public IEnumerable<EscalationStep> Pending(ReviewItem item, DateTimeOffset now) =>
        Enum.GetValues<ReviewDeadline>()
            .SelectMany(d => Levels.Select(l => DueStep(item, d, l, now)))
            .OfType<EscalationStep>()
            .Where(s => !item.Escalated.Contains(s.Key));

    /// <summary>
    /// Who is told at a step: 50 % the assignee (before signing: the group's reviewers), 75 % the same and the group's
    /// supervisors, breach the supervisors and the department heads. Names come from <c>Reviews:Groups:{group}</c>; an
    /// empty list falls back to the role's shared inbox (<c>role:reviewer</c>, <c>role:supervisor</c>).
    /// </summary>
    public IReadOnlyList<string> Recipients(ReviewItem item, EscalationLevel level)
    {
        ArgumentNullException.ThrowIfNull(item);
        _options.Groups.TryGetValue(item.Group, out var group);
        IEnumerable<string> workers = item.Assignee is { } assignee ? [assignee] : OrRole(group?.Reviewers, FunctionRoles.Reviewer);
        var supervisors = OrRole(group?.Supervisors, FunctionRoles.Supervisor);
        var recipients = level switch
        {
            EscalationLevel.Reminder => workers,
            EscalationLevel.Warning => workers.Concat(supervisors),
            _ => supervisors.Concat(group?.DepartmentHeads ?? []),
        };
        return recipients.Distinct(StringComparer.Ordinal).ToList();

        static IEnumerable<string> OrRole(IList<string>? names, string role) =>
            names is { Count: > 0 } ? names : [InboxApi.RoleRecipient(role)];
    }

    /// <summary>The share of the closing target used by <paramref name="now"/>, for ordering the worklist.</summary>
    public double UsedShare(ReviewItem item, ReviewDeadline deadline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _clock.UsedShare(item.StartOf(deadline), item.TargetFor(deadline), now, item.Pauses);
    }
}
