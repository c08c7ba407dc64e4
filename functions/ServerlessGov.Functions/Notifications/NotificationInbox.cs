using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Notifications;

/// <summary>
/// Every notification, kept per recipient in the <c>Notifications</c> table (partition: a digest of the recipient, row:
/// a digest of the idempotency key), so a person reads them in an inbox and a repeated send lands on the same row.
/// </summary>
public sealed class NotificationInbox
{
    /// <summary>The table the notifications are kept in.</summary>
    public const string TableName = "Notifications";

    private readonly ITable _table;
    private readonly TimeProvider _time;
    private readonly CreateOnFirstUse _tableCreated;

    public NotificationInbox(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _time = time;
    }

    /// <summary>
    /// Keeps the notification in its recipient's inbox and returns its entry, and whether it is new (false: the same
    /// notification was kept before).
    /// </summary>
    /// <exception cref="NotificationConflictException">A notification with the same idempotency key but other details was kept before.</exception>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<(InboxEntry Entry, bool IsNew)> KeepAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.IdempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Recipient);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Digest(notification.Recipient), Digest(notification.IdempotencyKey))
        {
            ["Recipient"] = notification.Recipient,
            ["IdempotencyKey"] = notification.IdempotencyKey,
            ["Channel"] = notification.Channel.ToString(),
            ["Template"] = notification.Template,
            ["Values"] = JsonSerializer.Serialize(notification.Values),
            ["RecordedAt"] = _time.GetUtcNow(),
        };
        try
        {
            var etag = await _table.AddAsync(entity, cancellationToken).ConfigureAwait(false);
            entity.ETag = etag;
            return (ToEntry(entity), true);
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
        {
            var kept = await _table.GetAsync(entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A notification that exists could not be read.", ex);
            var entry = ToEntry(kept);
            if (!Same(entry.Notification, notification))
            {
                throw new NotificationConflictException(
                    $"A notification with idempotency key digest {entity.RowKey} was already sent with other details; a repeat must be identical.");
            }

            return (entry, false);
        }
    }

    /// <summary>Records that a channel delivered the notification (so a repeated send does not deliver it again).</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task MarkDeliveredAsync(InboxEntry entry, NotificationChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var update = new TableEntity(Digest(entry.Notification.Recipient), entry.Id)
        {
            ["Delivered" + channel] = _time.GetUtcNow(),
        };
        await _table.UpdateAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The notifications addressed to any of <paramref name="recipients"/>: unread first, then newest first, at most <paramref name="limit"/>.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<InboxEntry>> ListAsync(IReadOnlyCollection<string> recipients, int limit, bool unreadOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<InboxEntry>();
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            await foreach (var row in _table.QueryAllAsync(TableQuery.InPartition(Digest(recipient)), cancellationToken).ConfigureAwait(false))
            {
                var entry = ToEntry(row);
                if (!unreadOnly || entry.ReadAt is null)
                {
                    entries.Add(entry);
                }
            }
        }

        return entries
            .OrderBy(e => e.ReadAt is not null)
            .ThenByDescending(e => e.RecordedAt)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    /// <summary>The notifications kept for one recipient, oldest first.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<Notification>> ListAsync(string recipient, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        return (await ListAsync([recipient], int.MaxValue, unreadOnly: false, cancellationToken).ConfigureAwait(false))
            .OrderBy(e => e.RecordedAt)
            .Select(e => e.Notification)
            .ToList();
    }

    /// <summary>Marks a notification of one of <paramref name="recipients"/> read (once: a later call keeps the first time); null when none of theirs has the id.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<InboxEntry?> MarkReadAsync(IReadOnlyCollection<string> recipients, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            if (await _table.GetAsync(Digest(recipient), id, cancellationToken).ConfigureAwait(false) is not { } row)
            {
                continue;
            }

            if (row.GetDateTimeOffset("ReadAt") is null)
            {
                row["ReadAt"] = _time.GetUtcNow();
                try
                {
                    row.ETag = await _table.UpdateAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
                {
                    // Marked (or delivered) at the same moment elsewhere: read what is there now.
                    row = await _table.GetAsync(Digest(recipient), id, cancellationToken).ConfigureAwait(false) ?? row;
                }
            }

            return ToEntry(row);
        }

        return null;
    }

    private static InboxEntry ToEntry(TableEntity row) => new(
        row.RowKey,
        new Notification(
            row.GetString("IdempotencyKey")!,
            row.GetString("Recipient")!,
            Enum.Parse<NotificationChannel>(row.GetString("Channel")!),
            row.GetString("Template")!,
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Values")!)!),
        row.GetDateTimeOffset("RecordedAt")!.Value,
        row.GetDateTimeOffset("ReadAt"),
        Enum.GetValues<NotificationChannel>().Where(c => row.GetDateTimeOffset("Delivered" + c) is not null).ToList());

    private static bool Same(Notification kept, Notification sent) =>
        kept.Recipient == sent.Recipient && kept.Channel == sent.Channel && kept.Template == sent.Template
        && kept.Values.Count == sent.Values.Count
        && kept.Values.All(v => sent.Values.TryGetValue(v.Key, out var value) && value == v.Value);

    // Keys may hold characters a table key cannot ('/', '#', '?'), so rows are keyed by a digest of them.
    private static string Digest(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
