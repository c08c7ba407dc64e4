using ServerlessGov.Storage.Azure;

namespace ServerlessGov.Hosting.Configuration;

/// <summary>host.json <c>extensions.queues</c>: how queue triggers poll, retry and give up (Azure's defaults inline).</summary>
public sealed record QueuesSettings
{
    /// <summary>Messages fetched per receive (1–32).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>A new batch is fetched when the messages in flight drop to this many (default batchSize/2 × cores).</summary>
    public int NewBatchThreshold { get; init; } = 16 / 2 * Environment.ProcessorCount;

    /// <summary>Longest wait between polls of an empty queue; waits grow from 100 ms, randomized.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Tries before a message moves to <c>&lt;queue&gt;-poison</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary><c>base64</c> (Azure's default) or <c>none</c>: how bodies are encoded on Azure queues (SQLite stores bytes).</summary>
    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;

    /// <summary>How long a running message is kept invisible; renewed at half this while the function runs (Azure: 10 min, fixed).</summary>
    public TimeSpan RunningVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
