using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessGov.Durable.History;
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

    public InstanceStatus Status { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public FailureRecord? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    public DateTimeOffset? StartAt { get; set; }

    /// <summary>The next episode number of the current execution (names its history row).</summary>
    public int Episode { get; set; }

    /// <summary>Events recorded by the current execution (checked against the per-generation cap).</summary>
    public int EventCount { get; set; }

    public string? ParentInstanceId { get; set; }

    public string? ParentName { get; set; }

    public string? ParentExecutionId { get; set; }

    public int? ParentTaskId { get; set; }

    /// <summary>The stored version; empty for a row not yet written.</summary>
    public ETag ETag { get; set; }

    public bool IsTerminal => Status is InstanceStatus.Completed or InstanceStatus.Failed or InstanceStatus.Terminated;

    public static InstanceRow FromEntity(TableEntity entity) => new()
    {
        InstanceId = entity.PartitionKey,
        Name = entity.GetString("Name") ?? string.Empty,
        ExecutionId = entity.GetString("ExecutionId") ?? string.Empty,
        Status = Enum.Parse<InstanceStatus>(entity.GetString("Status") ?? nameof(InstanceStatus.Pending)),
        Input = BlobCodec.ReadText(entity, "Input"),
        Output = BlobCodec.ReadText(entity, "Output"),
        CustomStatus = BlobCodec.ReadText(entity, "CustomStatus"),
        Failure = entity.GetString("Failure") is { } failure
            ? JsonSerializer.Deserialize(failure, DurableJsonContext.Default.FailureRecord)
            : null,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
        StartAt = entity.GetDateTimeOffset("StartAt"),
        Episode = entity.GetInt32("Episode") ?? 0,
        EventCount = entity.GetInt32("EventCount") ?? 0,
        ParentInstanceId = entity.GetString("ParentInstanceId"),
        ParentName = entity.GetString("ParentName"),
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
            ["ParentName"] = ParentName,
            ["ParentExecutionId"] = ParentExecutionId,
            ["ParentTaskId"] = ParentTaskId,
            ["Failure"] = Failure is null ? null : JsonSerializer.Serialize(Failure, DurableJsonContext.Default.FailureRecord),
        };
        BlobCodec.WriteText(entity, "Input", Input);
        BlobCodec.WriteText(entity, "Output", Output);
        BlobCodec.WriteText(entity, "CustomStatus", CustomStatus);
        return entity;
    }

    /// <summary>The row as a client sees it; inputs, output and custom status only when <paramref name="withPayloads"/>.</summary>
    public OrchestrationMetadata ToMetadata(DataConverter converter, bool withPayloads) => new(Name, InstanceId)
    {
        RuntimeStatus = Status.ToRuntimeStatus(),
        CreatedAt = CreatedAt,
        LastUpdatedAt = LastUpdatedAt,
        SerializedInput = withPayloads ? Input : null,
        SerializedOutput = withPayloads ? Output : null,
        SerializedCustomStatus = withPayloads ? CustomStatus : null,
        FailureDetails = Failure?.ToDetails(),
        DataConverter = withPayloads ? converter : null,
    };
}
