using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Enterprises.Matching;

/// <summary>
/// Turns the two triggers of issue 10 into notifications: a published enterprise policy (its copy of
/// <see cref="PolicyPublished"/>) fans out over the registry's shards and each shard's matching enterprises are
/// queued; a changed enterprise (its copy of <see cref="SubjectUpdated"/>) is matched against every enterprise policy in
/// force. Every step is idempotent: redelivered messages only find notifications already queued or sent.
/// </summary>
public sealed class EnterpriseMatchingHandler
{
    private readonly EnterprisePolicyMatcher _matcher;
    private readonly ISubjectFactsReader _subjects;
    private readonly MatchNotificationQueue _notifications;
    private readonly IQueue _shards;
    private readonly TimeProvider _time;
    private readonly ILogger<EnterpriseMatchingHandler> _logger;
    private readonly CreateOnFirstUse _shardsCreated;

    /// <summary>Creates the handler.</summary>
    public EnterpriseMatchingHandler(
        EnterprisePolicyMatcher matcher, ISubjectFactsReader subjects, MatchNotificationQueue notifications, IQueueStore queues, TimeProvider time, ILogger<EnterpriseMatchingHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(time);
        _matcher = matcher;
        _subjects = subjects;
        _notifications = notifications;
        _shards = queues.GetQueue(EnterpriseShardWork.QueueName);
        _shardsCreated = new CreateOnFirstUse(_shards);
        _time = time;
        _logger = logger;
    }

    /// <summary>A policy version was published: when it is an enterprise policy in force today, queues one matching message per shard; returns how many.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The catalog or the queue failed.</exception>
    public async Task<int> OnPolicyPublishedAsync(PolicyPublished published, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(published);
        var today = BusinessDate.Today(_time);
        if (await _matcher.GetAsync(published.PolicyId, published.Version, today, cancellationToken).ConfigureAwait(false) is null)
        {
            return 0;
        }

        await _shardsCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        for (var shard = 0; shard < _subjects.ShardCount; shard++)
        {
            var work = new EnterpriseShardWork(published.PolicyId, published.Version, today.ToString(), shard);
            await _shards.SendAsync(BinaryData.FromObjectAsJson(work, EnterpriseJson.Default.EnterpriseShardWork), timeToLive: QueueRules.NoExpiry, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        Log.PublishFannedOut(_logger, published.PolicyId, published.Version, _subjects.ShardCount);
        return _subjects.ShardCount;
    }

    /// <summary>Matches one shard's enterprises against one policy version and queues a notification per match; returns how many were queued.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The registry, the store or the queue failed.</exception>
    public async Task<int> OnShardAsync(EnterpriseShardWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var policy = await _matcher.GetAsync(work.PolicyId, work.PolicyVersion, BusinessDate.Parse(work.Date), cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            return 0;
        }

        var queued = 0;
        await foreach (var enterprise in _subjects.ReadShardAsync(SubjectKind.Enterprise, work.Shard, cancellationToken).ConfigureAwait(false))
        {
            if (await _notifications.QueueAsync(EnterprisePolicyMatcher.Match(policy, enterprise), cancellationToken).ConfigureAwait(false))
            {
                queued++;
            }
        }

        Log.ShardMatched(_logger, work.PolicyId, work.PolicyVersion, work.Shard, queued);
        return queued;
    }

    /// <summary>An enterprise's facts changed: matches it against every enterprise policy in force today and queues what it newly matches; returns how many.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The registry, the catalog, the store or the queue failed.</exception>
    public async Task<int> OnProfileChangedAsync(SubjectUpdated updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        if (updated.Kind != SubjectKind.Enterprise
            || await _subjects.GetAsync(new SubjectId(updated.SubjectId), cancellationToken).ConfigureAwait(false) is not { } enterprise)
        {
            return 0;
        }

        var queued = 0;
        foreach (var policy in await _matcher.InForceAsync(BusinessDate.Today(_time), cancellationToken).ConfigureAwait(false))
        {
            if (await _notifications.QueueAsync(EnterprisePolicyMatcher.Match(policy, enterprise), cancellationToken).ConfigureAwait(false))
            {
                queued++;
            }
        }

        Log.ProfileMatched(_logger, updated.SubjectId, queued);
        return queued;
    }
}
