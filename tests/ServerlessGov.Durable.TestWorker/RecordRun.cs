using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.TestWorker;

/// <summary>An activity that leaves one row per run in <see cref="TableName"/> (partition "{instance}-{task}"), so a test can count how often each activity really ran, across processes.</summary>
public sealed class RecordRun(ITableStore tables) : TaskActivity<int, int>
{
    public const string TableName = "DurableActivityRuns";

    public override async Task<int> RunAsync(TaskActivityContext context, int input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = new TableEntity($"{context.InstanceId}-{context.TaskId}", Guid.NewGuid().ToString("N")) { ["Process"] = Environment.ProcessId };
        await tables.GetTable(TableName).AddAsync(run, cancellationToken).ConfigureAwait(false);
        return input;
    }
}
