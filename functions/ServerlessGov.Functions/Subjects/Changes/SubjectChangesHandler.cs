using System.Text.Json;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Subjects.Changes;

/// <summary>
/// Applies <c>subject-changes</c> messages: newest as-of wins per fact and source, so an older or repeated update
/// changes nothing. After a real change it sends <see cref="SubjectUpdated"/> naming the facts this message changed.
/// The facts a message changed are recognised by their provenance (the message id), so a redelivered message whose
/// write landed before a crash still sends its <see cref="SubjectUpdated"/> (at least once), while the same content
/// in a new message sends nothing.
/// </summary>
public sealed class SubjectChangesHandler
{
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);
    private readonly SubjectRegistry _registry;
    private readonly SubjectRecordValidator _validator;
    private readonly IQueue _reevaluations;
    private readonly IQueue _enterpriseChanges;
    private readonly TimeProvider _time;
    private readonly ILogger<SubjectChangesHandler> _logger;
    private readonly CreateOnFirstUse _queueCreated;
    private readonly CreateOnFirstUse _enterpriseQueueCreated;

    /// <summary>Creates the handler.</summary>
    public SubjectChangesHandler(SubjectRegistry registry, SubjectRecordValidator validator, IQueueStore queues, TimeProvider time, ILogger<SubjectChangesHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _validator = validator;
        _reevaluations = queues.GetQueue(SubjectUpdated.QueueName);
        _enterpriseChanges = queues.GetQueue(SubjectUpdated.EnterpriseQueueName);
        _queueCreated = new CreateOnFirstUse(_reevaluations);
        _enterpriseQueueCreated = new CreateOnFirstUse(_enterpriseChanges);
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Applies one message (identified by its queue <paramref name="messageId"/>); returns the facts it changed. A
    /// coverage message records the declared extract and changes no subject: its absences count from the next
    /// evaluation (a daily run, a month's decision, a subject's re-evaluation).
    /// </summary>
    /// <exception cref="SubjectChangeRejectedException">The message breaks a rule (the text names the field and rule) or names an unknown subject id.</exception>
    public async Task<IReadOnlyList<string>> HandleAsync(SubjectChangeMessage message, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var batchId = "msg-" + messageId;
        if (message.Coverage is { } coverage)
        {
            await DeclareAsync(message, coverage, batchId, cancellationToken).ConfigureAwait(false);
            return [];
        }

        var update = await ValidateAsync(message, batchId, cancellationToken).ConfigureAwait(false);
        await _registry.ApplyAsync([update], cancellationToken).ConfigureAwait(false);

        var stored = await _registry.GetStoredAsync(update.Id, cancellationToken).ConfigureAwait(false);
        var mine = stored!.Observations.Where(o => o.BatchId == batchId).ToList();
        if (mine.Count == 0)
        {
            Log.SubjectUnchanged(_logger, update.Id.Value, message.Source!);
            return [];
        }

        var changed = mine.Select(o => o.Fact).Distinct(StringComparer.Ordinal).ToArray();
        var notice = new SubjectUpdated(update.Id.Value, update.Kind, changed, mine.Max(o => o.AsOf));
        await _queueCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _reevaluations.SendAsync(BinaryData.FromObjectAsJson(notice, MessageJson), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (update.Kind == SubjectKind.Enterprise)
        {
            await _enterpriseQueueCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
            await _enterpriseChanges.SendAsync(BinaryData.FromObjectAsJson(notice, MessageJson), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var changedList = string.Join(", ", changed);
        Log.SubjectChanged(_logger, update.Id.Value, message.Source!, changedList);
        return changed;
    }

    private async Task DeclareAsync(SubjectChangeMessage message, SubjectChangeCoverage coverage, string batchId, CancellationToken cancellationToken)
    {
        if (message.Kind is not null || message.Id is not null || message.SubjectId is not null || message.Facts is not null)
        {
            throw new SubjectChangeRejectedException("coverage: a message either declares a complete extract or updates one subject, not both.");
        }

        static string Field(string field) => field == "source" ? "source" : "coverage." + field;
        if (!_validator.TryValidateCoverage(message.Source, coverage.Facts, coverage.Scope?.Fact, coverage.Scope?.Values, coverage.AsOf, Field, out var declaration, out var error))
        {
            throw new SubjectChangeRejectedException($"{error.Field}: {error.Rule}.");
        }

        await _registry.DeclareCoverageAsync([declaration], batchId, cancellationToken).ConfigureAwait(false);
        Log.CoverageDeclared(_logger, declaration.Source, declaration.Facts.Count);
    }

    private async Task<SubjectUpdate> ValidateAsync(SubjectChangeMessage message, string batchId, CancellationToken cancellationToken)
    {
        var facts = (message.Facts ?? []).Select(f => new RawObservation(f?.Fact, message.Source, f?.AsOf, f?.Value, null)).ToList();
        static string FactField(int i, string field) => field == "source" ? "source" : $"facts[{i}].{field}";
        var now = _time.GetUtcNow();
        SubjectUpdate update;
        RecordError error;
        if (message.SubjectId is { } subjectId)
        {
            if (!TryParseSubjectId(subjectId, out var id, out var kind))
            {
                throw new SubjectChangeRejectedException("subjectId: must be a subject id issued by the registry.");
            }

            if (await _registry.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new SubjectChangeRejectedException("subjectId: names no subject the registry knows; send the identity number instead.");
            }

            if (!_validator.TryValidateFacts(id, kind, null, facts, FactField, batchId, now, out update, out error))
            {
                throw new SubjectChangeRejectedException($"{error.Field}: {error.Rule}.");
            }

            return update;
        }

        return _validator.TryValidate(message.Kind, message.Id, facts, FactField, batchId, now, out update, out error)
            ? update
            : throw new SubjectChangeRejectedException($"{error.Field}: {error.Rule}.");
    }

    private static bool TryParseSubjectId(string text, out SubjectId id, out SubjectKind kind)
    {
        id = default;
        kind = default;
        try
        {
            id = new SubjectId(text);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return SubjectShards.TryKindOf(id, out kind);
    }
}
