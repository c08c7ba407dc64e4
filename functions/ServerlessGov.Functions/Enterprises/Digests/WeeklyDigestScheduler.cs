using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Domain.Values;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Enterprises.Digests;

/// <summary>
/// The weekly digest's timer work: reads the open matches (sent or delivered, not acknowledged) and queues one digest
/// per enterprise for the ISO week of the occurrence. The digest's CloudEvent id is derived from (enterprise, week),
/// so a second host, a past-due run or a redelivered message finds it already sent.
/// </summary>
public sealed class WeeklyDigestScheduler
{
    /// <summary>Mondays at 09:00 in <c>WEBSITE_TIME_ZONE</c> (the app's default is Asia/Shanghai).</summary>
    public const string Schedule = "0 0 9 * * 1";

    private static readonly HashSet<DeliveryState> Open = [DeliveryState.Sent, DeliveryState.Delivered];
    private readonly DeliveryStore _deliveries;
    private readonly IQueue _queue;
    private readonly ILogger<WeeklyDigestScheduler> _logger;

    /// <summary>Creates the scheduler.</summary>
    public WeeklyDigestScheduler(DeliveryStore deliveries, IQueueStore queues, ILogger<WeeklyDigestScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(queues);
        _deliveries = deliveries;
        _queue = queues.GetQueue(WeeklyDigestRequest.QueueName);
        _logger = logger;
    }

    /// <summary>The ISO week (<c>2026-W48</c>) of the Asia/Shanghai date of <paramref name="instant"/>.</summary>
    public static string WeekOf(DateTimeOffset instant)
    {
        var date = BusinessDate.FromInstant(instant).Date.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):D2}");
    }

    /// <summary>The digest's CloudEvent id: the same for every send of one (enterprise, week).</summary>
    public static string EventIdFor(string enterpriseId, string week)
    {
        ArgumentException.ThrowIfNullOrEmpty(enterpriseId);
        ArgumentException.ThrowIfNullOrEmpty(week);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"weekly-digest\n{enterpriseId}\n{week}"));
        return "wd-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Queues the digests of the week of <paramref name="occurrence"/> (the timer's scheduled time); returns how many were queued.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store or the queue failed.</exception>
    public async Task<int> RunAsync(DateTimeOffset occurrence, CancellationToken cancellationToken = default)
    {
        var week = WeekOf(occurrence);
        var open = new Dictionary<string, List<DigestItem>>(StringComparer.Ordinal);
        await foreach (var delivery in _deliveries.ListAsync(Open, cancellationToken).ConfigureAwait(false))
        {
            if (delivery.EventType != EnterpriseEventTypes.PolicyMatched || delivery.PolicyId is null)
            {
                continue;
            }

            if (!open.TryGetValue(delivery.EnterpriseId, out var items))
            {
                open[delivery.EnterpriseId] = items = [];
            }

            items.Add(new DigestItem(delivery.EventId, delivery.PolicyId, delivery.PolicyVersion ?? 0,
                delivery.Outcome == MatchOutcome.LikelyEligible ? "likely-eligible" : "eligible", delivery.FactsToConfirm));
        }

        await _queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var queued = 0;
        foreach (var (enterpriseId, items) in open.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (await _deliveries.GetAsync(EventIdFor(enterpriseId, week), cancellationToken).ConfigureAwait(false) is { State: not (DeliveryState.Failed or DeliveryState.Withheld) })
            {
                continue;
            }

            var request = new WeeklyDigestRequest(enterpriseId, week, [.. items.OrderBy(i => i.PolicyId, StringComparer.Ordinal).Take(WeeklyDigestRequest.MaxItems)]);
            await _queue.SendAsync(BinaryData.FromObjectAsJson(request, EnterpriseJson.Default.WeeklyDigestRequest), timeToLive: QueueRules.NoExpiry, cancellationToken: cancellationToken).ConfigureAwait(false);
            queued++;
        }

        Log.DigestsQueued(_logger, week, queued);
        return queued;
    }
}
