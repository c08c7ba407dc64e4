using System.Security.Cryptography;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// A queue of the SQLite store: its messages are rows of the shared <c>messages</c> table. A receive picks and hides
/// its messages inside one <c>BEGIN IMMEDIATE</c> transaction, so no other thread or process can pick the same
/// visible message in the same visibility window.
/// </summary>
internal sealed class SqliteQueue : IQueue
{
    private const string SelectQueueId = "SELECT id FROM queues WHERE name = $name";
    private const string SelectVisible = """
        SELECT seq, id, body, dequeues, inserted, expires FROM messages
        WHERE queue = $queue AND visible <= $now
        ORDER BY visible, seq LIMIT $limit
        """;

    private const int PopReceiptBytes = 16;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteQueue(SqliteDatabase database, TimeProvider time, string name)
    {
        _database = database;
        _time = time;
        Name = name;
    }

    public string Name { get; }

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(this, static (s, self) =>
            s.Execute("INSERT INTO queues (name) VALUES ($name) ON CONFLICT (name) DO NOTHING", ("$name", self.Name)) == 1,
            cancellationToken).ConfigureAwait(false);

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(this, static (s, self) =>
        {
            if (self.FindQueue(s) is not { } id)
            {
                return false;
            }

            s.Execute("DELETE FROM messages WHERE queue = $queue", ("$queue", id));
            s.Execute("DELETE FROM queues WHERE id = $queue", ("$queue", id));
            return true;
        }, cancellationToken).ConfigureAwait(false);

    public async Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateSend(body, visibilityDelay, timeToLive);
        var receipt = NewSendReceipt(_time.GetUtcNow(), visibilityDelay, timeToLive);
        return await _database.WriteAsync((Self: this, Receipt: receipt, Body: body.ToArray()), static (s, arg) =>
        {
            arg.Self.Insert(s, arg.Receipt, arg.Body);
            return arg.Receipt;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The store this queue belongs to (a transactional commit may only span one store).</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>The receipt of a validated send made at <paramref name="now"/>.</summary>
    internal static SendReceipt NewSendReceipt(DateTimeOffset now, TimeSpan? visibilityDelay, TimeSpan? timeToLive)
    {
        var ttl = timeToLive ?? QueueRules.DefaultTimeToLive;
        return new SendReceipt(
            Guid.NewGuid().ToString(),
            NewPopReceipt(),
            now,
            ttl == QueueRules.NoExpiry ? null : now + ttl,
            now + (visibilityDelay ?? TimeSpan.Zero));
    }

    /// <summary>Adds a message inside the caller's write transaction.</summary>
    internal void Insert(SqliteSession s, SendReceipt receipt, byte[] body)
    {
        var queue = RequireQueue(s);
        s.Execute("""
            INSERT INTO messages (queue, id, pop, body, dequeues, inserted, expires, visible)
            VALUES ($queue, $id, $pop, $body, 0, $inserted, $expires, $visible)
            """,
            ("$queue", queue), ("$id", receipt.MessageId), ("$pop", receipt.PopReceipt), ("$body", body),
            ("$inserted", receipt.InsertedOn.UtcTicks), ("$expires", receipt.ExpiresOn?.UtcTicks),
            ("$visible", receipt.NextVisibleOn.UtcTicks));
    }

    /// <summary>Deletes a received message inside the caller's write transaction; false when it is gone or the receipt is stale.</summary>
    internal bool TryDelete(SqliteSession s, string messageId, string popReceipt, long nowTicks) =>
        s.Execute("""
            DELETE FROM messages
            WHERE id = $id AND queue = $queue AND pop = $pop AND (expires IS NULL OR expires > $now)
            """, ("$id", messageId), ("$queue", RequireQueue(s)), ("$pop", popReceipt), ("$now", nowTicks)) == 1;

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateReceive(maxMessages, visibilityTimeout);
        var now = _time.GetUtcNow();
        var visibleAgain = now + (visibilityTimeout ?? QueueRules.DefaultVisibilityTimeout);
        return await _database.WriteAsync((Self: this, Max: maxMessages, Now: now, VisibleAgain: visibleAgain), static (s, arg) =>
        {
            var queue = arg.Self.RequireQueue(s);
            var nowTicks = arg.Now.UtcTicks;
            var received = new List<QueueMessage>(arg.Max);
            var expired = new List<long>();
            while (received.Count < arg.Max)
            {
                var want = arg.Max - received.Count;
                var picked = new List<(long Seq, QueueMessage Message)>(want);
                var rows = 0;
                using (var reader = s.Query(SelectVisible, ("$queue", queue), ("$now", nowTicks), ("$limit", want)))
                {
                    while (reader.Read())
                    {
                        rows++;
                        var seq = reader.GetInt64(0);
                        DateTimeOffset? expires = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero);
                        if (expires <= arg.Now)
                        {
                            expired.Add(seq);
                            continue;
                        }

                        picked.Add((seq, new QueueMessage(
                            reader.GetString(1),
                            NewPopReceipt(),
                            BinaryData.FromBytes((byte[])reader.GetValue(2)),
                            reader.GetInt64(3) + 1,
                            new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                            expires,
                            arg.VisibleAgain)));
                    }
                }

                foreach (var seq in expired)
                {
                    s.Execute("DELETE FROM messages WHERE seq = $seq", ("$seq", seq));
                }

                expired.Clear();
                foreach (var (seq, message) in picked)
                {
                    s.Execute("UPDATE messages SET pop = $pop, dequeues = dequeues + 1, visible = $visible WHERE seq = $seq",
                        ("$pop", message.PopReceipt), ("$visible", message.NextVisibleOn.UtcTicks), ("$seq", seq));
                    received.Add(message);
                }

                if (rows < want)
                {
                    break;
                }
            }

            return (IReadOnlyList<QueueMessage>)received;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateCount(maxMessages);
        return await _database.ReadAsync((Self: this, Max: maxMessages, Now: _time.GetUtcNow().UtcTicks), static (s, arg) =>
        {
            var queue = arg.Self.RequireQueue(s);
            var peeked = new List<PeekedMessage>(arg.Max);
            using var reader = s.Query("""
                SELECT id, body, dequeues, inserted, expires FROM messages
                WHERE queue = $queue AND visible <= $now AND (expires IS NULL OR expires > $now)
                ORDER BY visible, seq LIMIT $limit
                """, ("$queue", queue), ("$now", arg.Now), ("$limit", arg.Max));
            while (reader.Read())
            {
                peeked.Add(new PeekedMessage(
                    reader.GetString(0),
                    BinaryData.FromBytes((byte[])reader.GetValue(1)),
                    reader.GetInt64(2),
                    new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                    reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)));
            }

            return (IReadOnlyList<PeekedMessage>)peeked;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        await _database.WriteAsync((Self: this, Id: messageId, Pop: popReceipt, Now: _time.GetUtcNow().UtcTicks), static (s, arg) =>
            arg.Self.TryDelete(s, arg.Id, arg.Pop, arg.Now) ? 0 : throw MessageNotFound(arg.Id),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        QueueRules.ValidateUpdate(visibilityTimeout, body);
        var now = _time.GetUtcNow();
        var receipt = new UpdateReceipt(NewPopReceipt(), now + visibilityTimeout);
        return await _database.WriteAsync((Self: this, Id: messageId, Pop: popReceipt, Receipt: receipt, Body: body?.ToArray(), Now: now.UtcTicks), static (s, arg) =>
        {
            var queue = arg.Self.RequireQueue(s);
            var updated = s.Execute("""
                UPDATE messages SET pop = $newpop, visible = $visible, body = coalesce($body, body)
                WHERE id = $id AND queue = $queue AND pop = $pop AND (expires IS NULL OR expires > $now)
                """, ("$newpop", arg.Receipt.PopReceipt), ("$visible", arg.Receipt.NextVisibleOn.UtcTicks), ("$body", arg.Body),
                ("$id", arg.Id), ("$queue", queue), ("$pop", arg.Pop), ("$now", arg.Now));
            return updated == 1 ? arg.Receipt : throw MessageNotFound(arg.Id);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) =>
        await _database.ReadAsync((Self: this, Now: _time.GetUtcNow().UtcTicks), static (s, arg) =>
        {
            var queue = arg.Self.RequireQueue(s);
            return Convert.ToInt32(s.Scalar(
                "SELECT count(*) FROM messages WHERE queue = $queue AND (expires IS NULL OR expires > $now)",
                ("$queue", queue), ("$now", arg.Now)), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);

    public async Task ClearAsync(CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(this, static (s, self) =>
            s.Execute("DELETE FROM messages WHERE queue = $queue", ("$queue", self.RequireQueue(s))),
            cancellationToken).ConfigureAwait(false);

    private static string NewPopReceipt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(PopReceiptBytes));

    private long? FindQueue(SqliteSession s) => s.Scalar(SelectQueueId, ("$name", Name)) is long id ? id : null;

    private long RequireQueue(SqliteSession s) =>
        FindQueue(s) ?? throw new StorageException(StorageErrorKind.NotFound, 404, "QueueNotFound", $"The queue '{Name}' does not exist.");

    private static StorageException MessageNotFound(string messageId) =>
        new(StorageErrorKind.NotFound, 404, "MessageNotFound",
            $"Message {messageId} does not exist, or the pop receipt is no longer its current one (it was received or updated again).");
}
