using System.Diagnostics;
using System.Text.Json.Nodes;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Policies.DryRun;
using ServerlessGov.Functions.Policies.Storage;
using ServerlessGov.Functions.Policies.Views;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Policies;

/// <summary>
/// The policy lifecycle: draft → published v1, v2, … → retired. Drafts are edited under ETags; publishing validates
/// the whole document (a failing test case blocks it) and stores an immutable version; every change is committed
/// together with a pending audit entry (and, for a publish, a pending announcement) that is relayed after the commit.
/// </summary>
public sealed class PolicyLifecycle
{
    /// <summary>The largest policy document accepted, in UTF-8 bytes.</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    private readonly PolicyStore _store;
    private readonly PolicyChangeRelay _relay;
    private readonly AuditTrail _audit;
    private readonly PolicyCatalog _catalog;
    private readonly ISubjectFactsReader? _subjects;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyLifecycle> _logger;
    private readonly DataDictionary _dictionary = DataDictionary.Default;

    /// <summary>Creates the lifecycle over the storage ports; <paramref name="subjects"/> (the registry) is needed for dry-runs only.</summary>
    public PolicyLifecycle(
        ITableStore tables,
        IQueueStore queues,
        AuditTrail audit,
        PolicyCatalog catalog,
        TimeProvider time,
        ILoggerFactory loggers,
        ISubjectFactsReader? subjects = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _store = new PolicyStore(tables);
        _relay = new PolicyChangeRelay(_store, audit, queues, loggers.CreateLogger<PolicyChangeRelay>());
        _audit = audit;
        _catalog = catalog;
        _subjects = subjects;
        _time = time;
        _logger = loggers.CreateLogger<PolicyLifecycle>();
    }

    /// <summary>Opens a draft for the policy the document names (a new policy, or the next version of a published one).</summary>
    /// <exception cref="PolicyValidationException">The text is not a JSON object with a valid id, or is too large.</exception>
    /// <exception cref="PolicyLifecycleException"><see cref="PolicyFailure.Conflict"/>: the policy already has a draft.</exception>
    public async Task<PolicyDraftView> CreateDraftAsync(string json, PolicyActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var document = Parse(json);
        var policyId = PolicyJson.IdOf(document);
        var (latest, _) = await _store.GetHeadAsync(policyId, cancellationToken).ConfigureAwait(false);
        var draft = NewDraft(policyId, PolicyJson.WithVersion(document, latest + 1), actor);
        var change = Change(policyId, actor, "policy.draft.created", Target(policyId), null, DraftState(draft));
        await CommitAsync([PolicyStore.AddDraft(draft)], change, $"Policy {policyId} already has a draft: change it with PUT and its ETag, or discard it.", cancellationToken).ConfigureAwait(false);
        return View(draft);
    }

    /// <summary>The policy's draft.</summary>
    /// <exception cref="PolicyLifecycleException"><see cref="PolicyFailure.NotFound"/>: no draft is open.</exception>
    public async Task<PolicyDraftView> GetDraftAsync(string policyId, CancellationToken cancellationToken = default) =>
        View(await RequireDraftAsync(policyId, cancellationToken).ConfigureAwait(false));

    /// <summary>Replaces the draft, if <paramref name="ifMatch"/> is the ETag the caller last saw.</summary>
    /// <exception cref="PolicyValidationException">The text is not a JSON object with the policy's id, or is too large.</exception>
    /// <exception cref="PolicyLifecycleException">No draft (<see cref="PolicyFailure.NotFound"/>), no If-Match (<see cref="PolicyFailure.PreconditionRequired"/>), or a stale one (<see cref="PolicyFailure.PreconditionFailed"/>).</exception>
    public async Task<PolicyDraftView> UpdateDraftAsync(string policyId, string json, string? ifMatch, PolicyActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var document = Parse(json);
        if (PolicyJson.IdOf(document) != policyId)
        {
            throw new PolicyValidationException([new PolicyValidationError("$.id", $"the document's id must stay '{policyId}'; a new id is a new policy")]);
        }

        var current = await RequireDraftAsync(policyId, cancellationToken).ConfigureAwait(false);
        RequireMatch(current, ifMatch);
        var (latest, _) = await _store.GetHeadAsync(policyId, cancellationToken).ConfigureAwait(false);
        var draft = NewDraft(policyId, PolicyJson.WithVersion(document, latest + 1), actor);
        var change = Change(policyId, actor, "policy.draft.updated", Target(policyId), DraftState(current), DraftState(draft));
        await CommitAsync([PolicyStore.ReplaceDraft(draft, current.StoreETag)], change, null, cancellationToken).ConfigureAwait(false);
        return View(draft);
    }

    /// <summary>Discards the draft, if <paramref name="ifMatch"/> is current.</summary>
    /// <exception cref="PolicyLifecycleException">No draft, no If-Match, or a stale one.</exception>
    public async Task DiscardDraftAsync(string policyId, string? ifMatch, PolicyActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await RequireDraftAsync(policyId, cancellationToken).ConfigureAwait(false);
        RequireMatch(current, ifMatch);
        var change = Change(policyId, actor, "policy.draft.discarded", Target(policyId), DraftState(current), null);
        await CommitAsync([PolicyStore.DeleteDraft(policyId, current.StoreETag)], change, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates a document as it would be published, with the same checks as a draft (a JSON object with a valid id,
    /// within the size and rule limits) and every test case run; returns how many test cases passed.
    /// </summary>
    /// <exception cref="PolicyValidationException">The document is invalid or a test case fails; every error has its path, line and column for text rules, and code.</exception>
    public ValidationReport Validate(string json)
    {
        Parse(json);
        return new ValidationReport(true, PolicyDocumentLoader.Load(json, _dictionary).TestCases.Count);
    }

    /// <summary>Validates the draft as it would be published (with its assigned version) and returns how many test cases passed.</summary>
    /// <exception cref="PolicyValidationException">The draft is invalid or a test case fails.</exception>
    /// <exception cref="PolicyLifecycleException"><see cref="PolicyFailure.NotFound"/>: no draft is open.</exception>
    public async Task<ValidationReport> ValidateDraftAsync(string policyId, CancellationToken cancellationToken = default)
    {
        var draft = await RequireDraftAsync(policyId, cancellationToken).ConfigureAwait(false);
        var policy = PolicyDocumentLoader.Load(draft.Json, _dictionary);
        return new ValidationReport(true, policy.TestCases.Count);
    }

    /// <summary>
    /// Runs the draft against today's registry (business date Asia/Shanghai), streaming shard by shard, and compares it
    /// with the newest published, non-retired version.
    /// </summary>
    /// <exception cref="PolicyValidationException">The draft is invalid, a test case fails, or the policy is no longer in force.</exception>
    /// <exception cref="PolicyLifecycleException"><see cref="PolicyFailure.NotFound"/>: no draft is open.</exception>
    /// <exception cref="InvalidOperationException">No subject registry is registered.</exception>
    public async Task<DryRunReport> DryRunAsync(string policyId, int samplesPerOutcome = 3, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samplesPerOutcome);
        var reader = _subjects ?? throw new InvalidOperationException("A dry-run reads the subject registry, and none is registered (ISubjectFactsReader).");
        var draftRow = await RequireDraftAsync(policyId, cancellationToken).ConfigureAwait(false);
        var draft = PolicyDocumentLoader.Load(draftRow.Json, _dictionary);
        var today = BusinessDate.Today(_time);
        PublishedPolicy? previous = null;
        var rivals = new List<PolicyDocument>();
        foreach (var published in await _catalog.ListNewestAsync(cancellationToken).ConfigureAwait(false))
        {
            if (published.Document.Id == policyId)
            {
                previous = published;
            }
            else if (draft.ExclusionGroup is { } group && published.Document.ExclusionGroup == group && published.RetiredAt is null)
            {
                rivals.Add(published.Document);
            }
        }

        var clock = Stopwatch.StartNew();
        var report = await new PolicyDryRun(reader, _dictionary)
            .RunAsync(draft, previous?.Document, rivals, today, Math.Min(samplesPerOutcome, 20), cancellationToken)
            .ConfigureAwait(false);
        Log.DryRun(_logger, policyId, draft.Version.Number, report.SubjectsRead, clock.ElapsedMilliseconds);
        return report;
    }

    /// <summary>
    /// Publishes the draft the caller saw (<paramref name="ifMatch"/>) as the next immutable version, with the
    /// requested effective window, once it validates and every test case passes; then announces it on
    /// <see cref="PolicyPublished.QueueName"/>.
    /// </summary>
    /// <exception cref="PolicyValidationException">The document is invalid or a test case fails: nothing is published.</exception>
    /// <exception cref="PolicyLifecycleException">No draft, no If-Match, or a stale one (the draft changed or another publish won).</exception>
    public async Task<PolicyVersionView> PublishAsync(string policyId, string? ifMatch, PublishRequest? request, PolicyActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var draft = await RequireDraftAsync(policyId, cancellationToken).ConfigureAwait(false);
        RequireMatch(draft, ifMatch);
        var (latest, headETag) = await _store.GetHeadAsync(policyId, cancellationToken).ConfigureAwait(false);
        var document = PolicyJson.ParseObject(draft.Json);
        PolicyJson.SetEffective(document, request?.EffectiveFrom, request?.EffectiveUntil);
        var json = PolicyJson.WithVersion(document, latest + 1);
        var policy = PolicyDocumentLoader.Load(json, _dictionary);
        var version = new StoredVersion(policyId, latest + 1, json, _time.GetUtcNow(), actor.Id, null, null, null, default);
        var change = Change(policyId, actor, "policy.published", Target(policyId, version.Version), DraftState(draft), VersionState(version, policy), announce: version.Version);
        await CommitAsync(
            [PolicyStore.AddVersion(version), PolicyStore.SetHead(policyId, version.Version, headETag), PolicyStore.DeleteDraft(policyId, draft.StoreETag)],
            change,
            null,
            cancellationToken).ConfigureAwait(false);
        return View(version);
    }

    /// <summary>Retires a published version: it stops applying, its document stays as it was.</summary>
    /// <exception cref="PolicyValidationException">No reason given.</exception>
    /// <exception cref="PolicyLifecycleException">No such version (<see cref="PolicyFailure.NotFound"/>) or already retired (<see cref="PolicyFailure.Conflict"/>).</exception>
    public async Task<PolicyVersionView> RetireAsync(string policyId, int version, string? reason, PolicyActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw new PolicyValidationException([new PolicyValidationError("$.reason", "say why the version is retired (1-500 characters)")]);
        }

        var stored = await _store.GetVersionAsync(policyId, version, cancellationToken).ConfigureAwait(false)
            ?? throw new PolicyLifecycleException(PolicyFailure.NotFound, $"Policy {policyId} has no published version {version}.");
        if (stored.RetiredAt is not null)
        {
            throw new PolicyLifecycleException(PolicyFailure.Conflict, $"Policy {policyId} v{version} was already retired on {stored.RetiredAt:O}.");
        }

        var at = _time.GetUtcNow();
        var retired = stored with { RetiredAt = at, RetiredBy = actor.Id, RetireReason = reason };
        var change = Change(policyId, actor, "policy.retired", Target(policyId, version), StatusState(stored), StatusState(retired));
        await CommitAsync([PolicyStore.Retire(stored, at, actor.Id, reason)], change, null, cancellationToken).ConfigureAwait(false);
        return View(retired);
    }

    /// <summary>Every policy with a draft or a published version.</summary>
    public async Task<IReadOnlyList<PolicySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var newest = new Dictionary<string, StoredVersion>(StringComparer.Ordinal);
        await foreach (var version in _store.ListAllVersionsAsync(cancellationToken).ConfigureAwait(false))
        {
            newest[version.PolicyId] = version;
        }

        var drafts = new Dictionary<string, StoredDraft>(StringComparer.Ordinal);
        await foreach (var draft in _store.ListDraftsAsync(cancellationToken).ConfigureAwait(false))
        {
            drafts[draft.PolicyId] = draft;
        }

        return newest.Keys.Union(drafts.Keys).Order(StringComparer.Ordinal).Select(id =>
        {
            var version = newest.GetValueOrDefault(id);
            var title = TitleOf(drafts.TryGetValue(id, out var draft) ? draft.Json : version!.Json);
            return new PolicySummary(id, title.Zh, title.En, version?.Version, version is null ? null : StatusOf(version), draft is not null);
        }).ToList();
    }

    /// <summary>A policy's published versions, oldest first.</summary>
    /// <exception cref="PolicyLifecycleException"><see cref="PolicyFailure.NotFound"/>: the policy was never published.</exception>
    public async Task<IReadOnlyList<PolicyVersionView>> ListVersionsAsync(string policyId, CancellationToken cancellationToken = default)
    {
        var versions = new List<PolicyVersionView>();
        await foreach (var version in _store.ListVersionsAsync(policyId, cancellationToken).ConfigureAwait(false))
        {
            versions.Add(View(version));
        }

        return versions.Count > 0 ? versions : throw new PolicyLifecycleException(PolicyFailure.NotFound, $"Policy {policyId} has no published version.");
    }

    /// <summary>One published version.</summary>
    /// <exception cref="PolicyLifecycleException"><see cref="PolicyFailure.NotFound"/>: no such version.</exception>
    public async Task<PolicyVersionView> GetVersionAsync(string policyId, int version, CancellationToken cancellationToken = default)
    {
        var stored = await _store.GetVersionAsync(policyId, version, cancellationToken).ConfigureAwait(false);
        return stored is null ? throw new PolicyLifecycleException(PolicyFailure.NotFound, $"Policy {policyId} has no published version {version}.") : View(stored);
    }

    /// <summary>A policy's audit trail, oldest first, after relaying any change still pending, with the result of re-checking its hash chain.</summary>
    /// <exception cref="PolicyLifecycleException"><see cref="PolicyFailure.NotFound"/>: the policy was never drafted, so it has no history.</exception>
    public async Task<PolicyHistory> ReadHistoryAsync(string policyId, CancellationToken cancellationToken = default)
    {
        if (!PolicyJson.IsPolicyId(policyId))
        {
            throw new PolicyLifecycleException(PolicyFailure.NotFound, "That is not a policy id.");
        }

        await _relay.RelayAsync(policyId, cancellationToken).ConfigureAwait(false);
        var stream = PolicyChangeRelay.StreamOf(policyId);
        var entries = new List<PolicyHistoryEntry>();
        await foreach (var record in _audit.ReadAsync(stream, 0, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new PolicyHistoryEntry(
                record.Sequence, record.At, record.Entry.Actor, record.Entry.Role, record.Entry.Action, record.Entry.Target,
                record.Entry.Before is null ? null : PolicyJson.ToElement(record.Entry.Before),
                record.Entry.After is null ? null : PolicyJson.ToElement(record.Entry.After),
                record.Hash));
        }

        if (entries.Count == 0)
        {
            throw new PolicyLifecycleException(PolicyFailure.NotFound, $"Policy {policyId} has no history: it was never drafted.");
        }

        var verification = await _audit.VerifyAsync(stream, cancellationToken).ConfigureAwait(false);
        return new PolicyHistory(policyId, verification.IsIntact, entries);
    }

    /// <summary>Relays every change a crash left pending (audit entries and announcements); the timer calls it.</summary>
    public Task<int> RelayPendingChangesAsync(CancellationToken cancellationToken = default) => _relay.SweepAsync(cancellationToken);

    /// <summary>
    /// Publishes each of the twelve sample policies that has never been published (for the demo and the main job):
    /// opens a draft from the shipped document unless one is open, and publishes it. Safe to call on every start.
    /// </summary>
    /// <returns>The versions published by this call.</returns>
    /// <exception cref="PolicyValidationException">A shipped sample no longer validates.</exception>
    public async Task<IReadOnlyList<PolicyVersionView>> PublishSamplesAsync(PolicyActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var published = new List<PolicyVersionView>();
        foreach (var (_, json) in SamplePolicies.Documents())
        {
            var policyId = PolicyJson.IdOf(PolicyJson.ParseObject(json));
            var (latest, _) = await _store.GetHeadAsync(policyId, cancellationToken).ConfigureAwait(false);
            if (latest > 0)
            {
                continue;
            }

            try
            {
                var draft = await _store.GetDraftAsync(policyId, cancellationToken).ConfigureAwait(false) is { } open
                    ? View(open)
                    : await CreateDraftAsync(json, actor, cancellationToken).ConfigureAwait(false);
                var version = await PublishAsync(policyId, draft.ETag, null, actor, cancellationToken).ConfigureAwait(false);
                Log.SamplePublished(_logger, policyId, version.Version);
                published.Add(version);
            }
            catch (PolicyLifecycleException ex) when (ex.Failure is PolicyFailure.Conflict or PolicyFailure.PreconditionFailed)
            {
                // Another instance seeded this policy at the same moment.
            }
        }

        return published;
    }

    private async Task CommitAsync(IReadOnlyList<TableTransactionAction> actions, PendingChange change, string? conflictMessage, CancellationToken cancellationToken)
    {
        try
        {
            await _store.CommitAsync(actions, change, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.AlreadyExists && conflictMessage is not null)
        {
            throw new PolicyLifecycleException(PolicyFailure.Conflict, conflictMessage);
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists or StorageErrorKind.NotFound)
        {
            throw new PolicyLifecycleException(PolicyFailure.PreconditionFailed, $"Policy {change.PolicyId} was changed by someone else meanwhile; read it again and retry.");
        }

        Log.Changed(_logger, change.PolicyId, change.Entry.Action);
        try
        {
            await _relay.RelayAsync(change.PolicyId, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            // The change is committed; its audit entry and announcement stay pending for the sweep.
            Log.RelayFailed(_logger, ex, change.PolicyId, change.ChangeId);
        }
    }

    private async Task<StoredDraft> RequireDraftAsync(string policyId, CancellationToken cancellationToken)
    {
        if (!PolicyJson.IsPolicyId(policyId))
        {
            throw new PolicyLifecycleException(PolicyFailure.NotFound, "That is not a policy id.");
        }

        return await _store.GetDraftAsync(policyId, cancellationToken).ConfigureAwait(false)
            ?? throw new PolicyLifecycleException(PolicyFailure.NotFound, $"Policy {policyId} has no open draft.");
    }

    private static void RequireMatch(StoredDraft draft, string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new PolicyLifecycleException(PolicyFailure.PreconditionRequired, "Send the draft's ETag in If-Match, so that a change made meanwhile by someone else is not overwritten.");
        }

        if (ifMatch.Trim() != ETagOf(draft))
        {
            throw new PolicyLifecycleException(PolicyFailure.PreconditionFailed, $"The draft of {draft.PolicyId} was changed since you read it (now {ETagOf(draft)}); read it again and reapply your change.");
        }
    }

    private static JsonObject Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxDocumentBytes)
        {
            throw new PolicyValidationException([new PolicyValidationError("$", $"a policy document is at most {MaxDocumentBytes / 1024} KiB")]);
        }

        var document = PolicyJson.ParseObject(json);
        var breaches = PolicyDocumentLoader.CheckLimits(json);
        return breaches.Count > 0 ? throw new PolicyValidationException(breaches) : document;
    }

    private StoredDraft NewDraft(string policyId, string json, PolicyActor actor) =>
        new(policyId, json, Guid.NewGuid().ToString("N"), _time.GetUtcNow(), actor.Id, default);

    private PendingChange Change(string policyId, PolicyActor actor, string action, string target, JsonObject? before, JsonObject? after, int? announce = null)
    {
        var at = _time.GetUtcNow();
        return new PendingChange(
            policyId,
            PolicyStore.NewChangeId(at),
            new AuditEntry(actor.Id, actor.Role, action, target, before?.ToJsonString(), after?.ToJsonString()),
            announce,
            at);
    }

    private static string Target(string policyId, int? version = null) => version is { } v ? $"policy/{policyId}/v{v}" : $"policy/{policyId}";

    private static string ETagOf(StoredDraft draft) => $"\"{draft.Revision}\"";

    private static JsonObject DraftState(StoredDraft draft) => new()
    {
        ["state"] = "draft",
        ["etag"] = ETagOf(draft),
        ["document"] = JsonNode.Parse(draft.Json),
    };

    private static JsonObject VersionState(StoredVersion version, PolicyDocument policy) => new()
    {
        ["state"] = "published",
        ["version"] = version.Version,
        ["effectiveFrom"] = policy.EffectiveFrom.ToString(),
        ["effectiveUntil"] = policy.EffectiveUntil?.ToString(),
        ["document"] = JsonNode.Parse(version.Json),
    };

    private static JsonObject StatusState(StoredVersion version) => new()
    {
        ["state"] = StatusOf(version),
        ["version"] = version.Version,
        ["retiredAt"] = version.RetiredAt,
        ["retiredBy"] = version.RetiredBy,
        ["reason"] = version.RetireReason,
    };

    private static string StatusOf(StoredVersion version) => version.RetiredAt is null ? "published" : "retired";

    private static (string? Zh, string? En) TitleOf(string json)
    {
        var title = JsonNode.Parse(json)?["title"] as JsonObject;
        return (Text(title?["zh"]), Text(title?["en"]));
        static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    private static PolicyDraftView View(StoredDraft draft)
    {
        var version = JsonNode.Parse(draft.Json)?["version"]?.GetValue<int>() ?? 0;
        return new PolicyDraftView(draft.PolicyId, version, ETagOf(draft), draft.UpdatedAt, draft.UpdatedBy, PolicyJson.ToElement(draft.Json));
    }

    private static PolicyVersionView View(StoredVersion version)
    {
        var effective = JsonNode.Parse(version.Json)?["effective"];
        return new PolicyVersionView(
            version.PolicyId, version.Version, StatusOf(version),
            effective?["from"]?.GetValue<string>() ?? string.Empty, effective?["until"]?.GetValue<string>(),
            version.PublishedAt, version.PublishedBy, version.RetiredAt, version.RetiredBy, version.RetireReason,
            PolicyJson.ToElement(version.Json));
    }
}
