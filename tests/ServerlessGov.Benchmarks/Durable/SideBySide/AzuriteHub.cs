using Azure.Data.Tables;
using Azure.Storage.Queues;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Benchmarks.Durable.SideBySide;

/// <summary>Removes an embedded-engine task hub's tables and queues from Azurite, so the next engine measured starts on an emulator as empty as the first had.</summary>
internal static class AzuriteHub
{
    public static async ValueTask DeleteAsync(AzuriteServer server, string hubName)
    {
        var tables = new TableServiceClient(server.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (table.Name.StartsWith(hubName, StringComparison.OrdinalIgnoreCase))
            {
                await tables.DeleteTableAsync(table.Name);
            }
        }

        var queues = new QueueServiceClient(server.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: hubName.ToLowerInvariant()))
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }
}
