using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// The <c>EnterpriseDeliveries</c> table: one row per CloudEvent id, moved between states with ETag checks so a
/// sender, the receiver and an acknowledgement racing on the same row never undo each other.
/// </summary>
public sealed class DeliveryStore
{
    private const string TableName = "EnterpriseDeliveries";
    private const string RowKey = "delivery";
    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over the app's tables.</summary>
    public DeliveryStore(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _time = time;
    }

    /// <summary>The delivery of <paramref name="eventId"/>, or null when none was ever attempted.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<EnterpriseDelivery?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var row = await (await TableAsync(cancellationToken).ConfigureAwait(false)).GetAsync(eventId, RowKey, cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(row);
    }

    /// <summary>
    /// Changes the delivery of <paramref name="eventId"/> by <paramref name="change"/>, which gets the current record
    /// (null when none) and returns the new one, or null to leave it as it is. Retries on a concurrent change.
    /// Returns the record as it stands afterwards.
    /// </summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<EnterpriseDelivery?> ChangeAsync(string eventId, Func<EnterpriseDelivery?, EnterpriseDelivery?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var row = await table.GetAsync(eventId, RowKey, cancellationToken).ConfigureAwait(false);
            var current = row is null ? null : Read(row);
            var next = change(current);
            if (next is null)
            {
                return current;
            }

            next = next with { UpdatedAt = _time.GetUtcNow() };
            try
            {
                if (row is null)
                {
                    await table.AddAsync(Write(next), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateAsync(Write(next), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (StorageException ex) when (ex.Kind is StorageErrorKind.AlreadyExists or StorageErrorKind.PreconditionFailed or StorageErrorKind.NotFound)
            {
                // Someone else changed the row in between: read it again and decide again.
            }
        }
    }

    private async Task<ITable> TableAsync(CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return _table;
    }

    private static TableEntity Write(EnterpriseDelivery delivery)
    {
        var row = new TableEntity(delivery.EventId, RowKey)
        {
            ["EnterpriseId"] = delivery.EnterpriseId,
            ["EventType"] = delivery.EventType,
            ["State"] = delivery.State.ToString(),
            ["Attempts"] = delivery.Attempts,
            ["ReceivedCount"] = delivery.ReceivedCount,
            ["UpdatedAt"] = delivery.UpdatedAt,
        };
        if (delivery.PolicyId is not null)
        {
            row["PolicyId"] = delivery.PolicyId;
            row["PolicyVersion"] = delivery.PolicyVersion ?? 0;
        }

        if (delivery.Destination is not null)
        {
            row["Destination"] = delivery.Destination;
        }

        if (delivery.Outcome is { } outcome)
        {
            row["Outcome"] = outcome.ToString();
            row["FactsToConfirm"] = string.Join('\n', delivery.FactsToConfirm);
        }

        if (delivery.ClaimedBy is not null)
        {
            row["ClaimedBy"] = delivery.ClaimedBy;
        }

        if (delivery.Reason is not null)
        {
            row["Reason"] = delivery.Reason;
        }

        return row;
    }

    private static EnterpriseDelivery Read(TableEntity row) => new(
        row.PartitionKey,
        row.GetString("EnterpriseId")!,
        row.GetString("PolicyId"),
        row.GetInt32("PolicyVersion"),
        Enum.Parse<DeliveryState>(row.GetString("State")!),
        row.GetInt32("Attempts") ?? 0,
        row.GetInt32("ReceivedCount") ?? 0,
        row.GetString("Reason"),
        row.GetString("ClaimedBy"),
        row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
    {
        EventType = row.GetString("EventType") ?? EnterpriseEventTypes.PolicyMatched,
        Destination = row.GetString("Destination"),
        Outcome = row.GetString("Outcome") is { } outcome ? Enum.Parse<MatchOutcome>(outcome) : null,
        FactsToConfirm = row.GetString("FactsToConfirm") is { Length: > 0 } facts ? facts.Split('\n') : [],
    };

    /// <summary>Every delivery in one of <paramref name="states"/> (a scan of the table: the weekly digest's read).</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async IAsyncEnumerable<EnterpriseDelivery> ListAsync(IReadOnlySet<DeliveryState> states, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in table.QueryAllAsync(new TableQuery(), cancellationToken).ConfigureAwait(false))
        {
            var delivery = Read(row);
            if (states.Contains(delivery.State))
            {
                yield return delivery;
            }
        }
    }

    /// <summary>
    /// The enterprise's notifications, newest first, at most <paramref name="limit"/> (a filtered scan of the table: an
    /// enterprise's own page, not a hot path; an index by enterprise would be the next step at scale).
    /// </summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<EnterpriseDelivery>> ListForEnterpriseAsync(string enterpriseId, int limit, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<EnterpriseDelivery>();
        await foreach (var row in table.QueryAllAsync(new TableQuery(TableFilter.Equal("EnterpriseId", enterpriseId)), cancellationToken).ConfigureAwait(false))
        {
            found.Add(Read(row));
        }

        return found.OrderByDescending(d => d.UpdatedAt).Take(limit).ToList();
    }
}
