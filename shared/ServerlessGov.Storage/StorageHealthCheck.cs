using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage;

/// <summary>
/// Reports whether the store answers: creates (once) and reads a small health table and queue through the ports,
/// so the check exercises the same path as real work on either adapter.
/// </summary>
public sealed class StorageHealthCheck(ITableStore tables, IQueueStore queues, StorageDescription description) : IHealthCheck
{
    private const string TableName = "SgHealth";
    private const string QueueName = "sg-health";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["provider"] = description.Provider.ToString(),
            ["location"] = description.Location,
        };
        try
        {
            var table = tables.GetTable(TableName);
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await table.GetAsync("health", "probe", cancellationToken).ConfigureAwait(false);
            var queue = queues.GetQueue(QueueName);
            await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await queue.GetApproximateCountAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("Storage answers.", data);
        }
        catch (StorageException ex)
        {
            return HealthCheckResult.Unhealthy($"Storage failed: {ex.Kind} ({ex.ErrorCode}).", ex, data);
        }
    }
}
