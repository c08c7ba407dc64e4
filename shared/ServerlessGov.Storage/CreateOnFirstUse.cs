using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage;

/// <summary>
/// Creates a table or queue the first time a store uses it in this process, so stores need no start-up step; after
/// one successful creation it costs nothing, and a failed or cancelled creation is simply tried again next time.
/// </summary>
public sealed class CreateOnFirstUse
{
    private readonly Func<CancellationToken, Task<bool>> _create;
    private Task? _created;

    /// <summary>Creates <paramref name="table"/> on first use.</summary>
    public CreateOnFirstUse(ITable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _create = table.CreateIfNotExistsAsync;
    }

    /// <summary>Creates <paramref name="queue"/> on first use.</summary>
    public CreateOnFirstUse(IQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _create = queue.CreateIfNotExistsAsync;
    }

    /// <summary>Completes once the table or queue exists. Concurrent first callers may each ask; creation is idempotent.</summary>
    /// <exception cref="StorageException">The store failed to create it.</exception>
    public Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        var created = Volatile.Read(ref _created);
        if (created is { IsCompletedSuccessfully: true })
        {
            return created;
        }

        var attempt = _create(cancellationToken);
        Volatile.Write(ref _created, attempt);
        return attempt;
    }
}
