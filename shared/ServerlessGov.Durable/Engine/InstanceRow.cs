using System.Text.Json;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The instance's status row (row key <c>i</c>): what clients read and queries filter on, and the row whose ETag
/// makes each episode's commit exclusive.
/// </summary>
internal sealed class InstanceRow
{
    public const string RowKey = "i";

    public required string InstanceId { get; init; }

    public required string Name { get; set; }

    public required string ExecutionId { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    public DateTimeOffset? StartAt { get; set; }

    /// <summary>The next episode number of the current execution (names its history row).</summary>
    public int Episode { get; set; }

    /// <summary>Events recorded by the current execution (checked against the per-generation cap).</summary>
    public int EventCount { get; set; }

    public string? ParentInstanceId { get; set; }

    public string? ParentExecutionId { get; set; }

    public int? ParentTaskId { get; set; }

    /// <summary>The stored version; empty for a row not yet written.</summary>
    public ETag ETag { get; set; }

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public static InstanceRow FromEntity(TableEntity entity) => new()
    {
        InstanceId = entity.PartitionKey,
        Name = entity.GetString("Name") ?? string.Empty,
        ExecutionId = entity.GetString("ExecutionId") ?? string.Empty,
        Status = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
        Input = BlobCodec.ReadText(entity, "Input"),
        Output = BlobCodec.ReadText(entity, "Output"),
        CustomStatus = BlobCodec.ReadText(entity, "CustomStatus"),
        Failure = entity.GetString("Failure") is { } failure
            ? JsonSerializer.Deserialize(failure, DurableJsonContext.Default.TaskFailureDetails)
            : null,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
        StartAt = entity.GetDateTimeOffset("StartAt"),
        Episode = entity.GetInt32("Episode") ?? 0,
        EventCount = entity.GetInt32("EventCount") ?? 0,
        ParentInstanceId = entity.GetString("ParentInstanceId"),
        ParentExecutionId = entity.GetString("ParentExecutionId"),
        ParentTaskId = entity.GetInt32("ParentTaskId"),
        ETag = entity.ETag,
    };

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(InstanceId, RowKey)
        {
            ["Name"] = Name,
            ["ExecutionId"] = ExecutionId,
            ["Status"] = Status.ToString(),
            ["CreatedAt"] = CreatedAt,
            ["LastUpdatedAt"] = LastUpdatedAt,
            ["StartAt"] = StartAt,
            ["Episode"] = Episode,
            ["EventCount"] = EventCount,
            ["ParentInstanceId"] = ParentInstanceId,
            ["ParentExecutionId"] = ParentExecutionId,
            ["ParentTaskId"] = ParentTaskId,
            ["Failure"] = Failure is null ? null : JsonSerializer.Serialize(Failure, DurableJsonContext.Default.TaskFailureDetails),
        };
        BlobCodec.WriteText(entity, "Input", Input);
        BlobCodec.WriteText(entity, "Output", Output);
        BlobCodec.WriteText(entity, "CustomStatus", CustomStatus);
        return entity;
    }

    public OrchestrationMetadata ToMetadata(DataConverter converter) => new()
    {
        InstanceId = InstanceId,
        Name = Name,
        RuntimeStatus = Status,
        CreatedAt = CreatedAt,
        LastUpdatedAt = LastUpdatedAt,
        SerializedInput = Input,
        SerializedOutput = Output,
        SerializedCustomStatus = CustomStatus,
        FailureDetails = Failure,
        Converter = converter,
    };
}
