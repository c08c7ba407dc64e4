using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Durable;
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

    private readonly ReviewItemStore _store;
    private readonly ReviewSlaResolver _sla;
    private readonly ReviewLadder _ladder;
    private readonly AuditTrail _audit;
    private readonly DurableTaskClient _durable;
    private readonly TimeProvider _time;
    private readonly ILogger<ReviewWorklist> _logger;

    internal ReviewWorklist(ReviewItemStore store, ReviewSlaResolver sla, ReviewLadder ladder, AuditTrail audit, DurableTaskClient durable, TimeProvider time, ILogger<ReviewWorklist> logger)
    {
        _store = store;
        _sla = sla;
        _ladder = ladder;
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
        var (policy, department) = await _sla.ResolveAsync(request.PolicyId, request.PolicyVersion, request.Priority, cancellationToken).ConfigureAwait(false);
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
            Priority = request.Priority,
            Group = request.Group,
            Department = department,
            SignTarget = SlaTargetSnapshot.From(policy.Sign),
            CloseTarget = SlaTargetSnapshot.From(policy.Close),
            State = ReviewState.New,
            OpenedAt = _time.GetUtcNow(),
        };
        if (await _store.TryAddAsync(item, cancellationToken).ConfigureAwait(false) is not { } added)
        {
            return await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        }

        await AuditAsync(ReviewActor.System, "review.opened", null, added, cancellationToken).ConfigureAwait(false);
        Log.Opened(_logger, id, request.Priority, request.Group);
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

    /// <summary>The items matching <paramref name="filter"/>, most urgent first: overdue, then by the nearest deadline, urgent before normal; paused items last.</summary>
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
                if (filter.DueBefore is null || view.CloseDueAt < filter.DueBefore)
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
            .ToList();
    }

    /// <summary>A reviewer signs for a new item and takes it.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">Someone else holds it, it is decided, or it changed meanwhile.</exception>
    public Task<ReviewItemView> ClaimAsync(string itemId, ReviewActor reviewer, CancellationToken cancellationToken = default) =>
        ChangeAsync(itemId, reviewer, "review.claimed", scheduleChanges: true, item =>
        {
            if (item.State != ReviewState.New)
            {
                throw new ReviewConflictException(item.Assignee == reviewer.Id
                    ? $"Review item {item.Id} is already yours."
                    : $"Review item {item.Id} was already signed for by another reviewer.");
            }

            return item with { State = ReviewState.Assigned, Assignee = reviewer.Id, SignedAt = _time.GetUtcNow() };
        }, cancellationToken);

    /// <summary>A supervisor assigns (or re-assigns) an open item to a reviewer; assigning a new item signs it.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The item is decided, or it changed meanwhile.</exception>
    public Task<ReviewItemView> AssignAsync(string itemId, string assignee, ReviewActor supervisor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        return ChangeAsync(itemId, supervisor, "review.assigned", scheduleChanges: true, item =>
        {
            RequireOpen(item);
            return item with
            {
                Assignee = assignee,
                State = item.State == ReviewState.New ? ReviewState.Assigned : item.State,
                SignedAt = item.SignedAt ?? _time.GetUtcNow(),
            };
        }, cancellationToken);
    }

    /// <summary>The assignee starts working on the item.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The caller does not hold the item, it is not assigned, or it changed meanwhile.</exception>
    public Task<ReviewItemView> StartAsync(string itemId, ReviewActor reviewer, CancellationToken cancellationToken = default) =>
        ChangeAsync(itemId, reviewer, "review.started", scheduleChanges: false, item =>
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
        return ChangeAsync(itemId, reviewer, "review.evidence-requested", scheduleChanges: true, item =>
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
                Pauses = [.. item.Pauses, new SlaPause(_time.GetUtcNow(), null)],
            };
        }, cancellationToken);
    }

    /// <summary>The resident's evidence arrived: the item is back in progress and the clocks run again.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    /// <exception cref="ReviewConflictException">The item is not waiting for evidence, the resident is not its subject, or it changed meanwhile.</exception>
    public Task<ReviewItemView> ReceiveEvidenceAsync(string itemId, IReadOnlyList<string> documents, ReviewActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return ChangeAsync(itemId, actor, "review.evidence-received", scheduleChanges: true, item =>
        {
            if (item.State != ReviewState.WaitingForEvidence)
            {
                throw new ReviewConflictException($"Review item {item.Id} is {item.State}, not waiting for evidence.");
            }

            if (actor.Role == FunctionRoles.Resident && PersonalDataMask.Mask(actor.Id) != item.SubjectId)
            {
                throw new ReviewConflictException($"Review item {item.Id} does not concern the caller.");
            }

            var now = _time.GetUtcNow();
            return item with
            {
                State = ReviewState.InProgress,
                Documents = [.. item.Documents, .. PersonalDataMask.Mask(documents)],
                Pauses = [.. item.Pauses.Select(p => p.Until is null ? p with { Until = now } : p)],
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Approves or rejects the item with a reason, and raises <see cref="ReviewEvents.Decided"/> on the waiting
    /// orchestration. The same decision sent again by the same reviewer is answered again (the event is re-raised:
    /// the orchestration takes the first); any other decision on a decided item is a conflict.
    /// </summary>
    /// <param name="itemId">The item.</param>
    /// <param name="approved">Approve (true) or reject (false).</param>
    /// <param name="reason">Why, in words the resident will read.</param>
    /// <param name="ifMatch">The version the reviewer saw; a different current version is a conflict. Null skips the check.</param>
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

        if (ifMatch is not null && ifMatch != current.ETag && ifMatch != EntityTag(current.ETag))
        {
            throw new ReviewConflictException($"Review item {itemId} changed since version {ifMatch} was read; reload it.");
        }

        var decided = await ChangeAsync(current, reviewer, "review.decided", scheduleChanges: false, item =>
        {
            if (item.State == ReviewState.Decided)
            {
                throw new ReviewConflictException($"Review item {item.Id} was already decided by another reviewer.");
            }

            if (reviewer.Role != FunctionRoles.Supervisor)
            {
                RequireHolder(item, reviewer);
            }

            var now = _time.GetUtcNow();
            return item with
            {
                State = ReviewState.Decided,
                Approved = approved,
                DecisionReason = maskedReason,
                DecidedBy = reviewer.Id,
                DecidedAt = now,
                SignedAt = item.SignedAt ?? now,
                Pauses = [.. item.Pauses.Select(p => p.Until is null ? p with { Until = now } : p)],
            };
        }, cancellationToken).ConfigureAwait(false);
        Log.Decided(_logger, itemId, approved);
        await RaiseDecisionAsync(decided, cancellationToken).ConfigureAwait(false);
        return View(decided);
    }

    /// <summary>Records that a ladder step was notified; at breach the item is marked overdue. Idempotent.</summary>
    /// <exception cref="ReviewNotFoundException">No item has the id.</exception>
    internal async Task MarkEscalatedAsync(string itemId, EscalationStep step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var item = await LoadAsync(itemId, cancellationToken).ConfigureAwait(false);
            if (item.Escalated.Contains(step.Key))
            {
                return;
            }

            try
            {
                await ChangeAsync(item, ReviewActor.System, $"review.escalated.{step.Key}", scheduleChanges: false, i => i with
                {
                    Escalated = [.. i.Escalated, step.Key],
                    Overdue = i.Overdue || step.Level == EscalationLevel.Breach,
                }, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ReviewConflictException) when (attempt < 10)
            {
                // A reviewer changed the item meanwhile; read it again and add the step to the new version.
            }
        }
    }

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

    private async Task<ReviewItemView> ChangeAsync(string itemId, ReviewActor actor, string action, bool scheduleChanges, Func<ReviewItem, ReviewItem> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var item = await LoadAsync(itemId, cancellationToken).ConfigureAwait(false);
        return View(await ChangeAsync(item, actor, action, scheduleChanges, change, cancellationToken).ConfigureAwait(false));
    }

    private async Task<ReviewItem> ChangeAsync(ReviewItem item, ReviewActor actor, string action, bool scheduleChanges, Func<ReviewItem, ReviewItem> change, CancellationToken cancellationToken)
    {
        var changed = await _store.ReplaceAsync(change(item), cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, action, item, changed, cancellationToken).ConfigureAwait(false);
        if (scheduleChanges)
        {
            await _durable.RaiseEventAsync(changed.WaitingInstanceId, ScheduleChangedEvent, action, cancellationToken).ConfigureAwait(false);
        }

        return changed;
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

    private ReviewItemView View(ReviewItem item) => new(
        item,
        item.ETag,
        item.IsRunning(ReviewDeadline.Sign) ? _ladder.DueAt(item, ReviewDeadline.Sign, EscalationLevel.Breach) : null,
        item.IsRunning(ReviewDeadline.Close) ? _ladder.DueAt(item, ReviewDeadline.Close, EscalationLevel.Breach) : null);

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
        if (item.Assignee != reviewer.Id)
        {
            throw new ReviewConflictException($"Review item {item.Id} is held by another reviewer.");
        }
    }
}
