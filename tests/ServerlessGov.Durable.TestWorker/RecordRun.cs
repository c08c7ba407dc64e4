using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.TestWorker;

/// <summary>An activity that leaves one row per run in <see cref="TableName"/> (partition "{instance}-{input}": callers give each call its own input), so a test can count how often each activity really ran, across processes.</summary>
public sealed class RecordRun(ITableStore tables) : TaskActivity<int, int>
{
    public const string TableName = "DurableActivityRuns";

    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = new TableEntity($"{context.InstanceId}-{input}", Guid.NewGuid().ToString("N")) { ["Process"] = Environment.ProcessId };
        await tables.GetTable(TableName).AddAsync(run, ActivityShutdown.TokenOf(context)).ConfigureAwait(false);
        return input;
    }
}
