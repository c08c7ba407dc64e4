using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Enterprises.Dispatch;

/// <summary>
/// Spaces the sends to one destination (the topic, or one webhook) to at most
/// <see cref="EnterpriseNotificationOptions.MaxEventsPerSecondPerEndpoint"/> a second. Every attempt takes a slot,
/// retries included; the next free slot of each endpoint is one row of <c>EnterpriseEndpointRates</c> moved with an
/// ETag check, so every host sharing the store honours the same limit. A caller whose queued slot has passed by more than
/// an eighth of the interval (at least 10 ms) by the time it may send (a slow store, a stalled process) takes a fresh
/// slot instead of sending late, right behind the next slot's holder; up to three times, so a slow store cannot hold
/// a send back for ever.
/// </summary>
public sealed class EndpointRateLimiter
{
    private const string TableName = "EnterpriseEndpointRates";
    private const string RowKey = "next-slot";
    private const int MaxRetakes = 3;
    private static readonly TimeSpan MinimumLateness = TimeSpan.FromMilliseconds(10);
    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;
    private readonly TimeProvider _time;
    private readonly EnterpriseNotificationOptions _options;

    /// <summary>Creates the limiter.</summary>
    public EndpointRateLimiter(ITableStore tables, TimeProvider time, IOptions<EnterpriseNotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _time = time;
        _options = options.Value;
    }

    /// <summary>Takes the next send slot of <paramref name="endpoint"/> and waits until it comes.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public async Task WaitForSlotAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (_options.MaxEventsPerSecondPerEndpoint <= 0)
        {
            return;
        }

        var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / _options.MaxEventsPerSecondPerEndpoint);
        var lateness = TimeSpan.FromTicks(Math.Max(interval.Ticks / 8, MinimumLateness.Ticks));
        var retakes = 0;
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.AbsoluteUri)).AsSpan(0, 16));
        while (true)
        {
            var row = await _table.GetAsync(key, RowKey, cancellationToken).ConfigureAwait(false);
            var readAt = _time.GetUtcNow().UtcTicks;
            var slot = Math.Max(readAt, row?.GetInt64("NextFreeTicks") ?? 0);
            var next = new TableEntity(key, RowKey) { ["NextFreeTicks"] = slot + interval.Ticks };
            try
            {
                if (row is null)
                {
                    await _table.AddAsync(next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateAsync(next, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (StorageException ex) when (ex.Kind is StorageErrorKind.AlreadyExists or StorageErrorKind.PreconditionFailed or StorageErrorKind.NotFound)
            {
                continue;
            }

            var now = _time.GetUtcNow().UtcTicks;
            if (slot > now)
            {
                await Task.Delay(TimeSpan.FromTicks(slot - now), _time, cancellationToken).ConfigureAwait(false);
                now = _time.GetUtcNow().UtcTicks;
            }

            // A slot queued right behind another sender's must not be used late (a slow store, a stalled process), or
            // the two would arrive together. A slot that was free when read follows the last send by a whole interval.
            if (slot > readAt && now - slot > lateness.Ticks && retakes++ < MaxRetakes)
            {
                continue;
            }

            return;
        }
    }
}
