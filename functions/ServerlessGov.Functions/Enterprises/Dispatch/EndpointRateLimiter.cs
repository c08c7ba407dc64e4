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
/// ETag check, so every host sharing the store honours the same limit.
/// </summary>
public sealed class EndpointRateLimiter
{
    private const string TableName = "EnterpriseEndpointRates";
    private const string RowKey = "next-slot";
    private readonly ITableStore _tables;
    private readonly TimeProvider _time;
    private readonly EnterpriseNotificationOptions _options;
    private volatile bool _created;

    /// <summary>Creates the limiter.</summary>
    public EndpointRateLimiter(ITableStore tables, TimeProvider time, IOptions<EnterpriseNotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _tables = tables;
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
        var table = _tables.GetTable(TableName);
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.AbsoluteUri)).AsSpan(0, 16));
        while (true)
        {
            var row = await table.GetAsync(key, RowKey, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow().UtcTicks;
            var slot = Math.Max(now, row?.GetInt64("NextFreeTicks") ?? 0);
            var next = new TableEntity(key, RowKey) { ["NextFreeTicks"] = slot + interval.Ticks };
            try
            {
                if (row is null)
                {
                    await table.AddAsync(next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateAsync(next, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (StorageException ex) when (ex.Kind is StorageErrorKind.AlreadyExists or StorageErrorKind.PreconditionFailed or StorageErrorKind.NotFound)
            {
                continue;
            }

            if (slot > now)
            {
                await Task.Delay(TimeSpan.FromTicks(slot - now), _time, cancellationToken).ConfigureAwait(false);
            }

            return;
        }
    }
}
