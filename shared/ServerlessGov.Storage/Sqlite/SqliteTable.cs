using System.Text;
using Microsoft.Data.Sqlite;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>A table of the SQLite store: its entities are rows of the shared <c>entities</c> table under the table's id.</summary>
internal sealed class SqliteTable : ITable
{
    /// <summary>Most rows one query page reads before returning what it has with a continuation token.</summary>
    private const int MaxRowsScannedPerPage = 10_000;

    private const string SelectTableId = "SELECT id FROM tables WHERE name_key = $name";
    private const string SelectEntity = "SELECT etag, props FROM entities WHERE tbl = $tbl AND pk = $pk AND rk = $rk";
    private const string WriteEntity = """
        INSERT INTO entities (tbl, pk, rk, etag, ts, props) VALUES ($tbl, $pk, $rk, $etag, $ts, $props)
        ON CONFLICT (tbl, pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = excluded.props
        """;

    private const string InsertEntity = """
        INSERT INTO entities (tbl, pk, rk, etag, ts, props) VALUES ($tbl, $pk, $rk, $etag, $ts, $props)
        ON CONFLICT (tbl, pk, rk) DO NOTHING
        """;

    private const string DeleteEntity = "DELETE FROM entities WHERE tbl = $tbl AND pk = $pk AND rk = $rk";
    private const string ReadPoint = """
        SELECT e.etag, e.ts, e.props FROM tables t
        LEFT JOIN entities e ON e.tbl = t.id AND e.pk = $pk AND e.rk = $rk
        WHERE t.name_key = $name
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly string _nameKey;

    public SqliteTable(SqliteDatabase database, TimeProvider time, string name)
    {
        _database = database;
        _time = time;
        Name = name;
        _nameKey = name.ToLowerInvariant();
    }

    public string Name { get; }

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(this, static (s, self) =>
            s.Execute("INSERT INTO tables (name_key, name) VALUES ($key, $name) ON CONFLICT (name_key) DO NOTHING",
                ("$key", self._nameKey), ("$name", self.Name)) == 1,
            cancellationToken).ConfigureAwait(false);

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) =>
        await _database.WriteAsync(this, static (s, self) =>
        {
            if (self.FindTable(s) is not { } id)
            {
                return false;
            }

            s.Execute("DELETE FROM entities WHERE tbl = $tbl", ("$tbl", id));
            s.Execute("DELETE FROM tables WHERE id = $tbl", ("$tbl", id));
            return true;
        }, cancellationToken).ConfigureAwait(false);

    public async Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateEntity(entity);
        return await WriteOneAsync(TableTransactionActionType.Add, entity, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (ifMatch.IsEmpty)
        {
            throw new ArgumentException("An update needs the entity's ETag, or ETag.All to update unconditionally.", nameof(ifMatch));
        }

        TableRules.ValidateEntity(entity);
        var type = mode == TableUpdateMode.Replace ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.UpdateMerge;
        return await WriteOneAsync(type, entity, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateEntity(entity);
        var type = mode == TableUpdateMode.Replace ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.UpsertMerge;
        return await WriteOneAsync(type, entity, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKey(partitionKey, TableFilterNames.PartitionKey);
        TableRules.ValidateKey(rowKey, TableFilterNames.RowKey);
        if (ifMatch is { IsEmpty: true })
        {
            throw new ArgumentException("A conditional delete needs the entity's ETag; pass null or ETag.All to delete unconditionally.", nameof(ifMatch));
        }

        var entity = new TableEntity(partitionKey, rowKey);
        return await _database.WriteAsync((Self: this, Entity: entity, IfMatch: ifMatch), static (s, arg) =>
        {
            var table = arg.Self.RequireTable(s);
            var pk = KeyCodec.Encode(arg.Entity.PartitionKey);
            var rk = KeyCodec.Encode(arg.Entity.RowKey);
            if (ReadStored(s, table, pk, rk) is not { } stored)
            {
                return false;
            }

            CheckETag(arg.IfMatch, stored.ETag);
            s.Execute(DeleteEntity, ("$tbl", table), ("$pk", pk), ("$rk", rk));
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKey(partitionKey, TableFilterNames.PartitionKey);
        TableRules.ValidateKey(rowKey, TableFilterNames.RowKey);
        return await _database.ReadAsync((Self: this, PartitionKey: partitionKey, RowKey: rowKey), static (s, arg) =>
        {
            using var reader = s.Query(ReadPoint,
                ("$name", arg.Self._nameKey), ("$pk", KeyCodec.Encode(arg.PartitionKey)), ("$rk", KeyCodec.Encode(arg.RowKey)));
            if (!reader.Read())
            {
                throw TableNotFound(arg.Self.Name);
            }

            if (reader.IsDBNull(0))
            {
                return null;
            }

            var entity = new TableEntity(arg.PartitionKey, arg.RowKey);
            Materialize(reader, 0, entity);
            return entity;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.PageSize ?? TableQuery.MaxPageSize;
        if (pageSize is < 1 or > TableQuery.MaxPageSize)
        {
            throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput",
                $"Page size {pageSize} is out of range; it must be between 1 and {TableQuery.MaxPageSize}.");
        }

        var range = KeyRange.From(query.Filter);
        KeyRange[] segments;
        if (query.ContinuationToken is { } token)
        {
            var (afterPk, afterRk) = ContinuationToken.Decode(token);
            var afterPartition = KeyCodec.Decode(afterPk);
            segments = [range.RestOfPartition(afterPartition, KeyCodec.Decode(afterRk)), range.LaterPartitions(afterPartition)];
        }
        else
        {
            segments = [range];
        }

        return await _database.ReadAsync((Self: this, Filter: query.Filter, PageSize: pageSize, Segments: segments), static (s, arg) =>
        {
            var table = arg.Self.RequireTable(s);
            var items = new List<TableEntity>();
            byte[]? lastPk = null;
            byte[]? lastRk = null;
            var scanned = 0;
            foreach (var segment in arg.Segments)
            {
                using var reader = Scan(s, table, segment, MaxRowsScannedPerPage - scanned);
                while (reader.Read())
                {
                    scanned++;
                    var pk = (byte[])reader.GetValue(0);
                    var rk = (byte[])reader.GetValue(1);
                    var entity = new TableEntity(KeyCodec.Decode(pk), KeyCodec.Decode(rk));
                    Materialize(reader, 2, entity);
                    if (TableFilterEvaluator.Matches(arg.Filter, entity))
                    {
                        if (items.Count == arg.PageSize)
                        {
                            return new TablePage(items, ContinuationToken.Encode(lastPk!, lastRk!));
                        }

                        items.Add(entity);
                    }

                    lastPk = pk;
                    lastRk = rk;
                }

                if (scanned == MaxRowsScannedPerPage)
                {
                    return new TablePage(items, ContinuationToken.Encode(lastPk!, lastRk!));
                }
            }

            return new TablePage(items, null);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ValidateTransaction(actions);
        return await _database.WriteAsync((Self: this, Actions: actions, Now: _time.GetUtcNow()), static (s, arg) =>
            arg.Self.ApplyTransaction(s, arg.Actions, arg.Now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The store this table belongs to (a transactional commit may only span one store).</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Checks a batch before any I/O, as <see cref="SubmitTransactionAsync"/> does.</summary>
    internal static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        TableRules.ValidateBatch(actions);
        foreach (var action in actions)
        {
            if (action.IfMatch is { IsEmpty: true })
            {
                throw new ArgumentException("A batch operation's IfMatch must be an ETag the store issued, ETag.All, or null.", nameof(actions));
            }
        }
    }

    /// <summary>Applies a validated batch inside the caller's write transaction; throws (and the caller rolls back) on the first failure.</summary>
    internal IReadOnlyList<ETag?> ApplyTransaction(SqliteSession s, IReadOnlyList<TableTransactionAction> actions, DateTimeOffset now)
    {
        if (FindTable(s) is not { } table)
        {
            throw new StorageException(StorageErrorKind.NotFound, 404, "TableNotFound",
                $"0:The table '{Name}' does not exist.")
            { FailedIndex = 0 };
        }

        var etags = new ETag?[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            try
            {
                etags[i] = Apply(s, table, action.ActionType, action.Entity, action.IfMatch, now);
            }
            catch (StorageException ex)
            {
                throw new StorageException(ex.Kind, ex.Status, ex.ErrorCode, $"{i}:{ex.Message}", ex) { FailedIndex = i };
            }
        }

        return etags;
    }

    private async Task<ETag> WriteOneAsync(TableTransactionActionType type, TableEntity entity, ETag? ifMatch, CancellationToken cancellationToken) =>
        await _database.WriteAsync((Self: this, Type: type, Entity: entity, IfMatch: ifMatch, Now: _time.GetUtcNow()), static (s, arg) =>
            Apply(s, arg.Self.RequireTable(s), arg.Type, arg.Entity, arg.IfMatch, arg.Now)!.Value,
            cancellationToken).ConfigureAwait(false);

    /// <summary>Applies one write inside the caller's transaction; returns the new ETag, or null for a delete.</summary>
    private static ETag? Apply(SqliteSession s, long table, TableTransactionActionType type, TableEntity entity, ETag? ifMatch, DateTimeOffset now)
    {
        var pk = KeyCodec.Encode(entity.PartitionKey);
        var rk = KeyCodec.Encode(entity.RowKey);
        if (type is TableTransactionActionType.Add or TableTransactionActionType.UpsertReplace)
        {
            return WriteWithoutReading(s, table, type, entity, pk, rk, now);
        }

        var stored = ReadStored(s, table, pk, rk);
        var merge = false;
        switch (type)
        {
            case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete:
                if (stored is not { } existing)
                {
                    throw new StorageException(StorageErrorKind.NotFound, 404, "ResourceNotFound",
                        "The entity does not exist.");
                }

                CheckETag(ifMatch, existing.ETag);
                merge = type == TableTransactionActionType.UpdateMerge;
                break;
            case TableTransactionActionType.UpsertMerge:
                merge = stored is not null;
                break;
            default:
                break;
        }

        if (type == TableTransactionActionType.Delete)
        {
            s.Execute(DeleteEntity, ("$tbl", table), ("$pk", pk), ("$rk", rk));
            return null;
        }

        IEnumerable<KeyValuePair<string, object>> properties = entity;
        if (merge)
        {
            var merged = new TableEntity(entity.PartitionKey, entity.RowKey);
            PropertyCodec.Decode(stored!.Value.Properties, merged);
            foreach (var (name, value) in entity)
            {
                merged[name] = value;
            }

            TableRules.ValidateEntity(merged);
            properties = merged;
        }

        var etag = NewETag();
        s.Execute(WriteEntity, ("$tbl", table), ("$pk", pk), ("$rk", rk), ("$etag", etag.Value), ("$ts", now.UtcTicks),
            ("$props", PropertyCodec.Encode(properties)));
        return etag;
    }

    /// <summary>An insert or a replacing upsert, which need not read the stored entity first: one statement.</summary>
    private static ETag WriteWithoutReading(SqliteSession s, long table, TableTransactionActionType type, TableEntity entity, byte[] pk, byte[] rk, DateTimeOffset now)
    {
        var etag = NewETag();
        var sql = type == TableTransactionActionType.Add ? InsertEntity : WriteEntity;
        var written = s.Execute(sql, ("$tbl", table), ("$pk", pk), ("$rk", rk), ("$etag", etag.Value), ("$ts", now.UtcTicks),
            ("$props", PropertyCodec.Encode(entity)));
        return written == 1 ? etag : throw new StorageException(StorageErrorKind.AlreadyExists, 409, "EntityAlreadyExists",
            "An entity with the same partition and row key already exists.");
    }

    private static ETag NewETag() => new($"W/\"{Guid.NewGuid():N}\"");

    private static (string ETag, byte[] Properties)? ReadStored(SqliteSession s, long table, byte[] pk, byte[] rk)
    {
        using var reader = s.Query(SelectEntity, ("$tbl", table), ("$pk", pk), ("$rk", rk));
        return reader.Read() ? (reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }

    private static void CheckETag(ETag? ifMatch, string stored)
    {
        if (ifMatch is { } expected && expected != ETag.All && !string.Equals(expected.Value, stored, StringComparison.Ordinal))
        {
            throw new StorageException(StorageErrorKind.PreconditionFailed, 412, "UpdateConditionNotSatisfied",
                "The entity was changed since the given ETag was read (the update condition is not satisfied).");
        }
    }

    private static void Materialize(SqliteDataReader reader, int first, TableEntity entity)
    {
        entity.ETag = new ETag(reader.GetString(first));
        entity.Timestamp = new DateTimeOffset(reader.GetInt64(first + 1), TimeSpan.Zero);
        PropertyCodec.Decode((byte[])reader.GetValue(first + 2), entity);
    }

    /// <summary>Reads a key range in (PartitionKey, RowKey) order, seeking the primary-key index.</summary>
    private static SqliteDataReader Scan(SqliteSession s, long table, KeyRange range, int limit)
    {
        var sql = new StringBuilder("SELECT pk, rk, etag, ts, props FROM entities WHERE tbl = $tbl");
        if (range.Partition is not null)
        {
            sql.Append(" AND pk = $pf");
        }
        else
        {
            AppendBound(sql, "pk", range.PartitionFrom, "$pf", lower: true);
            AppendBound(sql, "pk", range.PartitionTo, "$pt", lower: false);
        }

        AppendBound(sql, "rk", range.RowFrom, "$rf", lower: true);
        AppendBound(sql, "rk", range.RowTo, "$rt", lower: false);
        var command = s.Command(sql.Append(" ORDER BY pk, rk LIMIT $limit").ToString());
        command.Parameters.AddWithValue("$tbl", table);
        command.Parameters.AddWithValue("$limit", limit);
        foreach (var (name, bound) in new[] { ("$pf", range.PartitionFrom), ("$pt", range.PartitionTo), ("$rf", range.RowFrom), ("$rt", range.RowTo) })
        {
            if (bound is { } b)
            {
                command.Parameters.AddWithValue(name, KeyCodec.Encode(b.Key));
            }
        }

        return command.ExecuteReader();
    }

    private static void AppendBound(StringBuilder sql, string column, KeyBound? bound, string parameter, bool lower)
    {
        if (bound is not { } b)
        {
            return;
        }

        var op = (lower, b.Inclusive) switch
        {
            (true, true) => ">=",
            (true, false) => ">",
            (false, true) => "<=",
            (false, false) => "<",
        };
        sql.Append(" AND ").Append(column).Append(' ').Append(op).Append(' ').Append(parameter);
    }

    private long? FindTable(SqliteSession s) => s.Scalar(SelectTableId, ("$name", _nameKey)) is long id ? id : null;

    private long RequireTable(SqliteSession s) => FindTable(s) ?? throw TableNotFound(Name);

    private static StorageException TableNotFound(string name) =>
        new(StorageErrorKind.NotFound, 404, "TableNotFound", $"The table '{name}' does not exist.");
}
