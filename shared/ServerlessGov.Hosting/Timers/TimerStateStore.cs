using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.Timers;

/// <summary>
/// Timer state in the storage table <c>FunctionsTimers</c>: each timer's <see cref="ScheduleStatus"/> (partition
/// <c>status</c>) and its lease (partition <c>lease</c>: an owner and an expiry, taken and renewed with ETags so that
/// exactly one host holds it).
/// </summary>
internal sealed class TimerStateStore(ITableStore tables, TimeProvider timeProvider)
{
    public const string TableName = "FunctionsTimers";
    private const string StatusPartition = "status";
    private const string LeasePartition = "lease";

    private readonly ITable _table = tables.GetTable(TableName);

    public Task InitializeAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The timer's status and its ETag; null when it never ran.</summary>
    public async Task<(ScheduleStatus Status, ETag ETag)?> GetStatusAsync(string functionName, CancellationToken cancellationToken)
    {
        var entity = await _table.GetAsync(StatusPartition, functionName, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var status = new ScheduleStatus(
            entity.GetDateTimeOffset("Last") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("Next") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("LastUpdated") ?? DateTimeOffset.MinValue);
        return (status, entity.ETag);
    }

    /// <summary>Writes the status if nobody wrote it since <paramref name="ifMatch"/> (null: only if none exists); returns the new ETag, or null when someone did.</summary>
    public async Task<ETag?> TrySetStatusAsync(string functionName, ScheduleStatus status, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(StatusPartition, functionName)
        {
            ["Last"] = status.Last,
            ["Next"] = status.Next,
            ["LastUpdated"] = status.LastUpdated,
        };
        try
        {
            if (ifMatch is { } etag)
            {
                return await _table.UpdateAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return await _table.AddAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists or StorageErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Takes or renews the timer's lease for <paramref name="period"/>; false when another live owner holds it.</summary>
    public async Task<bool> TryAcquireLeaseAsync(string functionName, string owner, TimeSpan period, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lease = new TableEntity(LeasePartition, functionName) { ["Owner"] = owner, ["ExpiresOn"] = now + period };
        try
        {
            var current = await _table.GetAsync(LeasePartition, functionName, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                await _table.AddAsync(lease, cancellationToken).ConfigureAwait(false);
                return true;
            }

            var held = current.GetString("Owner") != owner && current.GetDateTimeOffset("ExpiresOn") > now;
            if (held)
            {
                return false;
            }

            await _table.UpdateAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists or StorageErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>Gives the lease up (if still ours) so another host can take the schedule at once.</summary>
    public async Task ReleaseLeaseAsync(string functionName, string owner, CancellationToken cancellationToken)
    {
        var current = await _table.GetAsync(LeasePartition, functionName, cancellationToken).ConfigureAwait(false);
        if (current is null || current.GetString("Owner") != owner)
        {
            return;
        }

        try
        {
            await _table.DeleteAsync(LeasePartition, functionName, current.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
        {
            // Someone renewed or took it in between: it is not ours to release any more.
        }
    }
}
