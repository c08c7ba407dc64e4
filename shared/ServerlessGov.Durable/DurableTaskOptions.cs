using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace ServerlessGov.Durable;

/// <summary>
/// Settings of a task hub and its workers. Defaults are inline. Changing <see cref="HubName"/> or
/// <see cref="PartitionCount"/> while instances are in flight strands their queued messages (they sit in queues no
/// worker reads): drain the hub first.
/// </summary>
public sealed class DurableTaskOptions
{
    /// <summary>Names the table and queues (3–40 letters and digits, starting with a letter). Changing it starts an empty hub.</summary>
    public string HubName { get; set; } = "DurableHub";

    /// <summary>Control queues, spread by instance-id hash. Changing it with work in flight strands messages.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Activities one worker runs at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>
    /// Background-lane activities (<see cref="DurableLanes.Background"/>) one worker runs at once, beside
    /// <see cref="MaxConcurrentActivities"/>: the share of the worker that bulk work may take.
    /// </summary>
    public int MaxConcurrentBackgroundActivities { get; set; } = 4;

    /// <summary>Orchestration episodes one worker runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 16;

    /// <summary>Receives after which a message that keeps failing is set aside to <c>&lt;queue&gt;-poison</c> (the instance fails).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Events one execution may record before it fails; use ContinueAsNew for longer lives.</summary>
    public int MaxHistoryEventsPerGeneration { get; set; } = 10_000;

    /// <summary>The idle wait between polls grows from this, doubling with jitter.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest idle wait between polls.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a received message stays hidden while a worker holds it (renewed for long activities).</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long shutdown waits for in-flight work before handing its messages back.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Turns inputs, outputs, events and custom status into JSON (default: System.Text.Json with web defaults,
    /// camelCase). Durable Functions uses the worker's serializer instead; set the same converter on both to get the
    /// same JSON.
    /// </summary>
    public DataConverter DataConverter { get; set; } = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Checks the values and returns the hub name in queue form (lowercase).</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal string Validate()
    {
        if (string.IsNullOrEmpty(HubName) || HubName.Length is < 3 or > 40 || !char.IsAsciiLetter(HubName[0]) || !HubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"HubName '{HubName}' must be 3–40 letters and digits, starting with a letter.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentActivities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentBackgroundActivities, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentOrchestrations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDequeueCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHistoryEventsPerGeneration, 10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinPollingInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPollingInterval, MinPollingInterval);
        ArgumentOutOfRangeException.ThrowIfLessThan(MessageVisibilityTimeout, TimeSpan.FromSeconds(2));
        return HubName.ToLowerInvariant();
    }
}
