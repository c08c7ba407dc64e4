using System.Globalization;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Timers;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.TestApp;

/// <summary>
/// The test app's functions. Each records what it did in the <c>Handled</c> table (one row per invocation, keyed so
/// that a double run shows as two rows), tagged with the instance name from <c>TestApp:Instance</c>, in partitions
/// named after <c>TestApp:Run</c>.
/// </summary>
public static class TestFunctions
{
    /// <summary>The table the functions record their runs in.</summary>
    public const string HandledTable = "Handled";

    /// <summary>The queue <c>ProcessWork</c> listens to.</summary>
    public const string WorkQueue = "work-items";

    public static void Declare(FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        functions
            .Queue<WorkItem>("ProcessWork", queue: WorkQueue, ProcessWorkAsync)
            .Timer("Tick", "*/1 * * * * *", TickAsync)
            .Http("Instance", "GET", "instance", (IConfiguration configuration) => Results.Ok(configuration["TestApp:Instance"]), FunctionAuthorization.Public);
    }

    private static async Task ProcessWorkAsync(WorkItem item, QueueTriggerContext context, CancellationToken cancellationToken)
    {
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var table = await HandledAsync(context.Services, cancellationToken);
        await table.AddAsync(Row("started", context.MessageId, context.InvocationId, configuration, context.DequeueCount), cancellationToken);
        var maxDelay = configuration.GetValue("TestApp:MaxDelayMs", int.MaxValue);
        await Task.Delay(Math.Min(item.DelayMs, maxDelay), cancellationToken);
        await table.AddAsync(Row("work", context.MessageId, context.InvocationId, configuration, context.DequeueCount), cancellationToken);
    }

    private static async Task TickAsync(TimerInfo timer, FunctionContext context, CancellationToken cancellationToken)
    {
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var table = await HandledAsync(context.Services, cancellationToken);
        var occurrence = timer.ScheduledTime.UtcTicks.ToString("D20", CultureInfo.InvariantCulture);
        await table.AddAsync(Row("tick", occurrence, context.InvocationId, configuration, 0), cancellationToken);
    }

    /// <summary>The partition a run's rows of one kind go to (<c>TestApp:Run</c> separates test runs sharing one store).</summary>
    public static string Partition(string? run, string kind) => $"{run ?? "run"}-{kind}";

    private static async Task<ITable> HandledAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var table = services.GetRequiredService<ITableStore>().GetTable(HandledTable);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return table;
    }

    private static TableEntity Row(string kind, string key, string invocationId, IConfiguration configuration, long dequeueCount) =>
        new(Partition(configuration["TestApp:Run"], kind), key + "_" + invocationId)
        {
            ["Key"] = key,
            ["Instance"] = configuration["TestApp:Instance"] ?? "unnamed",
            ["DequeueCount"] = dequeueCount,
        };
}

/// <summary>A unit of test work: its sequence number and how long handling it takes.</summary>
public sealed record WorkItem(int Sequence, int DelayMs);
