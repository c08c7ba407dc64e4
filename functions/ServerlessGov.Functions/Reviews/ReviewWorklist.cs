using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The review desk: opens items for cases and objections, and moves them through their states (claim, assign,
/// start, ask for evidence, evidence received, decide). Every change is written with the item's ETag (so of two
/// reviewers deciding at once one wins and the other gets a <see cref="ReviewConflictException"/>), audited, and
/// told to the waiting orchestration.
/// </summary>
public sealed class ReviewWorklist : IReviewDesk
{
    /// <summary>Raised on the waiting orchestration when an item's deadlines move (signed, paused, resumed), so its timers are re-armed.</summary>
    public const string ScheduleChangedEvent = "ReviewScheduleChanged";

    // A person's action that meets a concurrent write (a ladder step, another action) is re-read and re-applied.
    private const int MaxAttempts = 10;

    private readonly ReviewItemStore _store;
    private readonly ReviewSlaResolver _sla;
    private readonly ReviewLadder _ladder;
    private readonly EscalationQueue _escalations;
    private readonly AuditTrail _audit;
    private readonly DurableTaskClient _durable;
    private readonly TimeProvider _time;
    private readonly ILogger<ReviewWorklist> _logger;

    internal ReviewWorklist(
        ReviewItemStore store, ReviewSlaResolver sla, ReviewLadder ladder, EscalationQueue escalations, AuditTrail audit, DurableTaskClient durable, TimeProvider time, ILogger<ReviewWorklist> logger)
    {
        _store = store;
        _sla = sla;
        _ladder = ladder;
        _escalations = escalations;
        _audit = audit;
        _durable = durable;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// The item id for a review key (<see cref="ReviewRequest.ItemKey"/>: the case's review key, or the waiting
    /// instance of a review that runs on its own): one key, one item, however often the opening activity runs.
    /// </summary>
    public static string ItemIdFor(string reviewKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(reviewKey);
        return "rv-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reviewKey)))[..24];
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A required field of the request is empty.</exception>
    public async Task<string> OpenAsync(ReviewRequest request, CancellationToken cancellationToken = default) =>
        (await OpenItemAsync(request, statement: null, documents: [], cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>Opens an item (idempotent per review key), with an objection's statement and documents.</summary>
    /// <exception cref="ArgumentException">A required field of the request is empty.</exception>
    public async Task<string> OpenAsync(ReviewRequest request, string? statement, IReadOnlyList<string> documents, CancellationToken cancellationToken = default) =>
        (await OpenItemAsync(request, statement, documents, cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>
    /// Opens (or finds) the item for a case's review and returns its id with its escalation ladder as it stands: what a
    /// review loop needs to arm its first timer.
    /// </summary>
    /// <exception cref="ArgumentException">A required field of the request is empty.</exception>
    public async Task<ReviewOpened> OpenWithStepsAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        var item = await OpenItemAsync(request, statement: null, documents: [], cancellationToken).ConfigureAwait(false);
        return new ReviewOpened(item.Id, _ladder.Steps(item));
    }

    /// <summary>
    /// Opens the item for the request, or finds the one opened before for the same key (the item id is derived from
    /// <see cref="ReviewRequest.ItemKey"/>), and returns it as stored.
    /// </summary>
    /// <exception cref="ArgumentException">A required field of the request is empty.</exception>
    internal async Task<ReviewItem> OpenItemAsync(ReviewRequest request, string? statement, IReadOnlyList<string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CaseInstanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.WaitingInstanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PolicyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SubjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Group);
        var id = ItemIdFor(request.ItemKey);

        // Insert first: almost every call opens a new item, and a repeated one (a replayed activity, the objection
        // API then its orchestration) finds the stored item when the insert is refused.
        var (priority, urgentBecause, policy, department) = await _sla.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var item = new ReviewItem
        {
            Id = id,
            CaseInstanceId = request.CaseInstanceId,
            WaitingInstanceId = request.WaitingInstanceId,
            PolicyId = request.PolicyId,
            PolicyVersion = request.PolicyVersion,
            SubjectId = PersonalDataMask.Mask(request.SubjectId),
            Kind = request.Kind,
            Reasons = request.Reasons.Select(MaskReason).ToList(),
            Documents = PersonalDataMask.Mask(documents),
            Statement = statement is null ? null : PersonalDataMask.Mask(statement),
            Priority = priority,
            UrgentBecause = urgentBecause,
            Group = request.Group,
            Department = department,
            SignTarget = SlaTargetSnapshot.Of(policy.Sign),
            CloseTarget = SlaTargetSnapshot.Of(policy.Close),
            State = ReviewState.New,
            OpenedAt = _time.GetUtcNow(),
        };
        if (await _store.TryAddAsync(item, cancellationToken).ConfigureAwait(false) is not { } added)
        {
            return await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        }

        await AuditAsync(ReviewActor.System, "review.opened", null, added, cancellationToken).ConfigureAwait(false);
        Log.Opened(_logger, id, priority, request.Group);
        return added;
    }

    /// <summary>A stored version as an HTTP entity tag (quoted unless the store already quotes it).</summary>
    public static string EntityTag(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.StartsWith('"') || version.StartsWith("W/", StringComparison.Ordinal) ? version : $"\"{version}\"";
    }

    /// <summary>One item with its deadlines.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    public async Task<ReviewItemView> GetAsync(string itemId, CancellationToken cancellationToken = default) =>
        View(await LoadAsync(itemId, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The items matching <paramref name="filter"/>, most urgent first: overdue, then by the nearest deadline, urgent
    /// before normal; paused items last; the item id breaks ties, so pages of the same list do not overlap.
    /// </summary>
    public async Task<IReadOnlyList<ReviewItemView>> ListAsync(ReviewListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var views = new List<ReviewItemView>();
        await foreach (var item in _store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((filter.Group is null || item.Group == filter.Group)
                && (filter.Assignee is null || item.Assignee == filter.Assignee)
                && (filter.State is { } state ? item.State == state : item.State != ReviewState.Decided))
            {
                var view = View(item);
                if ((filter.DueBefore is null || view.CloseDueAt < filter.DueBefore)
                    && (filter.Overdue is not { } overdue || view.Item.Overdue == overdue))
                {
                    views.Add(view);
                }
            }
        }

        return views
            .OrderByDescending(v => v.Item.Overdue)
            .ThenBy(v => Nearest(v) ?? DateTimeOffset.MaxValue)
            .ThenByDescending(v => v.Item.Priority == ReviewPriority.Urgent)
            .ThenBy(v => v.Item.OpenedAt)
            .ThenBy(v => v.Item.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A reviewer signs for a new item and takes it.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">Someone else holds it, it is decided, or it changed meanwhile.</exception>
    public Task<ReviewItemView> ClaimAsync(string itemId, ReviewActor reviewer, CancellationToken cancellationToken = default) =>
        ChangeViewAsync(itemId, reviewer, "review.claimed", Effect.Schedule | Effect.Decision, (item, now) =>
        {
            if (item.State != ReviewState.New)
            {
                throw new ReviewConflictException(item.Assignee == reviewer.Id
                    ? $"Review item {item.Id} is already yours."
                    : item.State == ReviewState.Decided
                        ? $"Review item {item.Id} is already decided."
                        : $"Review item {item.Id} was already signed for by another reviewer.");
            }

            return item with { State = ReviewState.Assigned, Assignee = reviewer.Id, SignedAt = now };
        }, cancellationToken);

    /// <summary>A supervisor assigns (or re-assigns) an open item to a reviewer; assigning a new item signs it.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The item is decided, or it changed meanwhile.</exception>
    public Task<ReviewItemView> AssignAsync(string itemId, string assignee, ReviewActor supervisor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        return ChangeViewAsync(itemId, supervisor, "review.assigned", Effect.Schedule | Effect.Decision, (item, now) =>
        {
            RequireOpen(item);
            return item with
            {
                Assignee = assignee,
                State = item.State == ReviewState.New ? ReviewState.Assigned : item.State,
                SignedAt = item.SignedAt ?? now,
            };
        }, cancellationToken);
    }

    /// <summary>The assignee starts working on the item.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The caller does not hold the item, it is not assigned, or it changed meanwhile.</exception>
    public Task<ReviewItemView> StartAsync(string itemId, ReviewActor reviewer, CancellationToken cancellationToken = default) =>
        ChangeViewAsync(itemId, reviewer, "review.started", Effect.None, (item, _) =>
        {
            RequireHolder(item, reviewer);
            if (item.State != ReviewState.Assigned)
            {
                throw new ReviewConflictException($"Review item {item.Id} is {item.State}; only an assigned item can be started.");
            }

            return item with { State = ReviewState.InProgress };
        }, cancellationToken);

    /// <summary>The assignee asks the resident for evidence; the SLA clocks stop until it arrives.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The caller does not hold the item, it is already waiting or decided, or it changed meanwhile.</exception>
    public Task<ReviewItemView> AskForEvidenceAsync(string itemId, IReadOnlyList<string> evidence, ReviewActor reviewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return ChangeViewAsync(itemId, reviewer, "review.evidence-requested", Effect.Schedule | Effect.Decision, (item, now) =>
        {
            RequireHolder(item, reviewer);
            if (item.State is not (ReviewState.Assigned or ReviewState.InProgress))
            {
                throw new ReviewConflictException($"Review item {item.Id} is {item.State}; evidence can be asked for only while it is being worked on.");
            }

            return item with
            {
                State = ReviewState.WaitingForEvidence,
                EvidenceRequested = [.. item.EvidenceRequested, .. PersonalDataMask.Mask(evidence)],
                Pauses = [.. item.Pauses, new SlaPause(now, null)],
            };
        }, cancellationToken);
    }

    /// <summary>The resident's evidence arrived: the item is back in progress and the clocks run again.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The item is not waiting for evidence, the resident is not its subject, or it changed meanwhile.</exception>
    public Task<ReviewItemView> ReceiveEvidenceAsync(string itemId, IReadOnlyList<string> documents, ReviewActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return ChangeViewAsync(itemId, actor, "review.evidence-received", Effect.Schedule | Effect.Decision, (item, now) =>
        {
            if (item.State != ReviewState.WaitingForEvidence)
            {
                throw new ReviewConflictException($"Review item {item.Id} is {item.State}, not waiting for evidence.");
            }

            if (actor.Role == FunctionRoles.Resident && PersonalDataMask.Mask(actor.Id) != item.SubjectId)
            {
                throw new ReviewConflictException($"Review item {item.Id} does not concern the caller.");
            }

            return item with
            {
                State = ReviewState.InProgress,
                Documents = [.. item.Documents, .. PersonalDataMask.Mask(documents)],
                Pauses = [.. item.Pauses.Select(p => p.Until is null ? p with { Until = now } : p)],
            };
        }, cancellationToken);
    }

    /// <summary>
    /// A supervisor raises or lowers an open item's priority, with a reason (kept on the item and audited). The ladder
    /// re-plans from the change: each deadline still running and not yet missed gets the new track's target, counted
    /// from now, and its steps start again as a new plan; a missed deadline stays missed. The same priority again
    /// changes nothing.
    /// </summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The item is decided.</exception>
    public async Task<ReviewItemView> ChangePriorityAsync(string itemId, ReviewPriority priority, string reason, ReviewActor supervisor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(supervisor);
        var current = await LoadAsync(itemId, cancellationToken).ConfigureAwait(false);
        var (policy, _) = await _sla.ResolveAsync(current.PolicyId, current.PolicyVersion, priority, cancellationToken).ConfigureAwait(false);
        var maskedReason = PersonalDataMask.Mask(reason);
        var changed = await ChangeAsync(itemId, supervisor, "review.priority-changed", Effect.Schedule, (item, now) =>
        {
            RequireOpen(item);
            if (item.Priority == priority)
            {
                return item;
            }

            return item with
            {
                Priority = priority,
                SignTarget = Replan(item, ReviewDeadline.Sign, policy.Sign, now),
                CloseTarget = Replan(item, ReviewDeadline.Close, policy.Close, now),
                PriorityChanges = [.. item.PriorityChanges, new PriorityChange(item.Priority, priority, maskedReason, supervisor.Id, now)],
            };
        }, ifMatch: null, cancellationToken).ConfigureAwait(false);
        Log.PriorityChanged(_logger, itemId, changed.Priority);
        return View(changed);
    }

    /// <summary>
    /// Approves or rejects the item with a reason, and raises <see cref="ReviewEvents.Decided"/> on the waiting
    /// orchestration. The same decision sent again by the same reviewer is answered again (the event is re-raised:
    /// the orchestration takes the first); any other decision on a decided item is a conflict. A supervisor may decide
    /// an item nobody signed (taking it over): the item stays unsigned, and its signing deadline is judged at the decision.
    /// </summary>
    /// <param name="itemId">The item.</param>
    /// <param name="approved">Approve (true) or reject (false).</param>
    /// <param name="reason">Why, in words the resident will read.</param>
    /// <param name="ifMatch">
    /// The version the reviewer saw (<see cref="ReviewItem.Revision"/>); a different current one is a conflict. Steps the
    /// system recorded since (reminders, escalations) do not change it. Null or <c>*</c> skips the check.
    /// </param>
    /// <param name="reviewer">The deciding reviewer (the assignee) or a supervisor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">Another decision won, the version is stale, or the caller does not hold the item.</exception>
    public async Task<ReviewItemView> DecideAsync(string itemId, bool approved, string reason, string? ifMatch, ReviewActor reviewer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(reviewer);
        var maskedReason = PersonalDataMask.Mask(reason);
        var current = await LoadAsync(itemId, cancellationToken).ConfigureAwait(false);
        if (current.State == ReviewState.Decided && current.DecidedBy == reviewer.Id && current.Approved == approved && current.DecisionReason == maskedReason)
        {
            await RaiseDecisionAsync(current, cancellationToken).ConfigureAwait(false);
            return View(current);
        }

        var decided = await ChangeAsync(itemId, reviewer, "review.decided", Effect.Decision, (item, now) =>
        {
            if (item.State == ReviewState.Decided)
            {
                throw new ReviewConflictException($"Review item {item.Id} was already decided by another reviewer.");
            }

            if (reviewer.Role != FunctionRoles.Supervisor)
            {
                RequireHolder(item, reviewer);
            }

            return item with
            {
                State = ReviewState.Decided,
                Approved = approved,
                DecisionReason = maskedReason,
                DecidedBy = reviewer.Id,
                DecidedAt = now,
                Pauses = [.. item.Pauses.Select(p => p.Until is null ? p with { Until = now } : p)],
            };
        }, ifMatch, cancellationToken).ConfigureAwait(false);
        Log.Decided(_logger, itemId, approved);
        await RaiseDecisionAsync(decided, cancellationToken).ConfigureAwait(false);
        return View(decided);
    }

    /// <summary>Records that a ladder step was notified; at breach the item is marked overdue. Idempotent.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    internal Task MarkEscalatedAsync(string itemId, EscalationStep step, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, ReviewActor.System, $"review.escalated.{step.Key}", Effect.None, (item, _) => item.Escalated.Contains(step.Key) ? item : item with
        {
            Escalated = [.. item.Escalated, step.Key],
            Overdue = item.Overdue || step.Level == EscalationLevel.Breach,
        }, ifMatch: null, cancellationToken);

    /// <summary>Every item, for the sweep and the report.</summary>
    internal IAsyncEnumerable<ReviewItem> AllAsync(CancellationToken cancellationToken) => _store.ListAsync(cancellationToken);

    /// <summary>Reads an item.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    internal async Task<ReviewItem> LoadAsync(string itemId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return await _store.GetAsync(itemId, cancellationToken).ConfigureAwait(false)
            ?? throw new ReviewNotFoundException($"Review item {itemId} does not exist.");
    }

    private async Task<ReviewItemView> ChangeViewAsync(string itemId, ReviewActor actor, string action, Effect effect, Func<ReviewItem, DateTimeOffset, ReviewItem> change, CancellationToken cancellationToken) =>
        View(await ChangeAsync(itemId, actor, action, effect, change, ifMatch: null, cancellationToken).ConfigureAwait(false));

    // Reads the item, applies the change (which checks the item may change so: it throws a conflict otherwise), and
    // writes it under the ETag read; a concurrent write (a ladder step the system recorded, another action) is
    // re-read and the change applied again, so only what the change itself checks (or the version a decision names)
    // can refuse it. The change returns the item itself for "nothing to change". A deadline missed by now is recorded
    // on the item in the same write (overdue), and its breach is queued for notification unless already notified.
    private async Task<ReviewItem> ChangeAsync(
        string itemId, ReviewActor actor, string action, Effect effect, Func<ReviewItem, DateTimeOffset, ReviewItem> change, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; ; attempt++)
        {
            var item = await LoadAsync(itemId, cancellationToken).ConfigureAwait(false);
            if (ifMatch is not null && ifMatch != "*" && ifMatch != RevisionTag(item) && ifMatch != EntityTag(RevisionTag(item)))
            {
                throw new ReviewConflictException($"Review item {itemId} changed since version {ifMatch} was read (it is at version {RevisionTag(item)}: claimed, assigned, evidence or a decision); reload it.");
            }

            var now = _time.GetUtcNow();
            var changed = change(item, now);
            if (ReferenceEquals(changed, item))
            {
                return item;
            }

            var missed = Enum.GetValues<ReviewDeadline>()
                .Select(d => _ladder.DueStep(changed, d, EscalationLevel.Breach, now))
                .OfType<EscalationStep>()
                .ToList();
            changed = changed with
            {
                Overdue = changed.Overdue || missed.Count > 0,
                Revision = effect.HasFlag(Effect.Decision) ? item.Revision + 1 : item.Revision,
            };
            ReviewItem stored;
            try
            {
                stored = await _store.ReplaceAsync(changed, cancellationToken).ConfigureAwait(false);
            }
            catch (ReviewConflictException) when (attempt < MaxAttempts)
            {
                continue;
            }

            await AuditAsync(actor, action, item, stored, cancellationToken).ConfigureAwait(false);
            foreach (var breach in missed.Where(m => !stored.Escalated.Contains(m.Key)))
            {
                await QueueBreachAsync(stored, breach, cancellationToken).ConfigureAwait(false);
            }

            if (effect.HasFlag(Effect.Schedule))
            {
                await _durable.RaiseEventAsync(stored.WaitingInstanceId, ScheduleChangedEvent, action, cancellationToken).ConfigureAwait(false);
            }

            return stored;
        }
    }

    // The action is written: a queue that fails now must not turn it into an error the caller would retry. The
    // sweep queues every missed deadline whose breach is not notified yet, so the escalation still goes out once.
    private async Task QueueBreachAsync(ReviewItem item, EscalationStep breach, CancellationToken cancellationToken)
    {
        try
        {
            await _escalations.SendAsync(new ReviewEscalation(item.Id, breach.Deadline, EscalationLevel.Breach), cancellationToken).ConfigureAwait(false);
            Log.BreachRecorded(_logger, item.Id, breach.Deadline);
        }
        catch (Storage.StorageException ex)
        {
            Log.BreachNotQueued(_logger, item.Id, breach.Deadline, ex);
        }
    }

    private SlaTargetSnapshot Replan(ReviewItem item, ReviewDeadline deadline, SlaTarget target, DateTimeOffset now)
    {
        var plan = item.PlanFor(deadline);
        return item.IsRunning(deadline) && _ladder.BreachedAt(item, deadline, now) is null
            ? new SlaTargetSnapshot(target.Duration, target.Clock, now, plan.Plan + 1)
            : plan;
    }

    private Task RaiseDecisionAsync(ReviewItem item, CancellationToken cancellationToken) =>
        _durable.RaiseEventAsync(
            item.WaitingInstanceId,
            ReviewEvents.Decided,
            new ReviewDecision(item.Id, item.Approved == true, item.DecisionReason!, item.DecidedBy!, item.DecidedAt!.Value),
            cancellationToken);

    private Task<AuditRecord> AuditAsync(ReviewActor actor, string action, ReviewItem? before, ReviewItem after, CancellationToken cancellationToken) =>
        _audit.AppendAsync(
            AuditStream(after.Id),
            new AuditEntry(actor.Id, actor.Role, action, "review/" + after.Id, Json(before), Json(after)),
            cancellationToken);

    /// <summary>The audit stream holding an item's changes.</summary>
    public static string AuditStream(string itemId) => "review-" + itemId;

    private static string? Json(ReviewItem? item) => item is null ? null : JsonSerializer.Serialize(item, ReviewJson.Options);

    /// <summary>The version a decision names in <c>If-Match</c>: the item's <see cref="ReviewItem.Revision"/>.</summary>
    public static string RevisionTag(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // Overdue as a fact about time: shown as soon as a deadline is missed, before any message about it has run.
    private ReviewItemView View(ReviewItem item)
    {
        var now = _time.GetUtcNow();
        return new(
            item.Overdue || _ladder.Breaches(item, now).Count == 0 ? item : item with { Overdue = true },
            RevisionTag(item),
            item.IsRunning(ReviewDeadline.Sign) ? _ladder.DueAt(item, ReviewDeadline.Sign, EscalationLevel.Breach) : null,
            item.IsRunning(ReviewDeadline.Close) ? _ladder.DueAt(item, ReviewDeadline.Close, EscalationLevel.Breach) : null,
            Clock(item, ReviewDeadline.Sign, now),
            Clock(item, ReviewDeadline.Close, now));
    }

    // The rungs are the ladder's: 50 % reminder, 75 % warning, the deadline a breach.
    private SlaClockView? Clock(ReviewItem item, ReviewDeadline deadline, DateTimeOffset now)
    {
        if (!item.IsRunning(deadline))
        {
            return null;
        }

        var used = _ladder.UsedShare(item, deadline, now);
        var level = _ladder.BreachedAt(item, deadline, now) is not null ? EscalationLevel.Breach
            : used >= 0.75 ? EscalationLevel.Warning
            : used >= 0.5 ? EscalationLevel.Reminder
            : (EscalationLevel?)null;
        return new SlaClockView(Math.Round(used, 4), level?.ToString() ?? "None");
    }

    private static DateTimeOffset? Nearest(ReviewItemView view) =>
        view.SignDueAt is { } sign && (view.CloseDueAt is not { } close || sign < close) ? sign : view.CloseDueAt;

    private static UnknownReason MaskReason(UnknownReason reason) => reason with { Subject = PersonalDataMask.Mask(reason.Subject) };

    private static void RequireOpen(ReviewItem item)
    {
        if (item.State == ReviewState.Decided)
        {
            throw new ReviewConflictException($"Review item {item.Id} is already decided.");
        }
    }

    private static void RequireHolder(ReviewItem item, ReviewActor reviewer)
    {
        RequireOpen(item);
        if (item.Assignee is null)
        {
            throw new ReviewConflictException($"Review item {item.Id} is not assigned to anyone yet; claim it (or have a supervisor assign it) first.");
        }

        if (item.Assignee != reviewer.Id)
        {
            throw new ReviewConflictException($"Review item {item.Id} is held by another reviewer.");
        }
    }

    // What a change does beyond the item: re-arm the review loop's timers, and/or change the version a decision names.
    [Flags]
    private enum Effect
    {
        None = 0,
        Schedule = 1,
        Decision = 2,
    }
}
