using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Notifications;

/// <summary>
/// The default notification adapter: records each notification in the <c>Notifications</c> table instead of sending
/// it, deduplicated by idempotency key, so local runs and tests can see exactly what a person would have received.
/// </summary>
public sealed class RecordingNotificationSender : INotificationSender
{
    /// <summary>The table the notifications are recorded in.</summary>
    public const string TableName = "Notifications";

    private readonly ITable _table;
    private readonly TimeProvider _time;
    private readonly CreateOnFirstUse _tableCreated;

    public RecordingNotificationSender(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _time = time;
    }

    /// <inheritdoc />
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<bool> SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.IdempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Recipient);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var entity = new TableEntity(RowKeyOf(notification.Recipient), RowKeyOf(notification.IdempotencyKey))
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
            await _table.AddAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>The notifications recorded for one recipient, oldest first.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<Notification>> ListAsync(string recipient, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAllAsync(TableQuery.InPartition(RowKeyOf(recipient)), cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows
            .OrderBy(r => r.GetDateTimeOffset("RecordedAt"))
            .Select(r => new Notification(
                r.GetString("IdempotencyKey")!,
                r.GetString("Recipient")!,
                Enum.Parse<NotificationChannel>(r.GetString("Channel")!),
                r.GetString("Template")!,
                JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString("Values")!)!))
            .ToList();
    }

    // Keys may hold characters a table key cannot ('/', '#', '?'), so rows are keyed by a digest of them.
    private static string RowKeyOf(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
