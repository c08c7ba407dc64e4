using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>Configuration section <c>Enterprises:EventGrid</c>: where notifications are published and how.</summary>
public sealed class EnterpriseNotificationOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Enterprises:EventGrid";

    /// <summary>
    /// The Event Grid topic endpoint; locally the app's own receiver (<c>http://127.0.0.1:7071/api/enterprises/events</c>).
    /// Required outside Development (checked at start by <see cref="EnterprisesServiceCollectionExtensions.AddEnterprises"/>).
    /// </summary>
    public Uri? TopicEndpoint { get; set; }

    /// <summary>The topic access key; when empty the app authenticates with its managed identity (<c>DefaultAzureCredential</c>, HTTPS only).</summary>
    public string? TopicKey { get; set; }

    /// <summary>
    /// The key every event delivery to the app's own receiver must carry in its <c>aeg-sas-key</c> header (compared in
    /// constant time); when empty, <see cref="TopicKey"/>, because locally the receiver is the topic and the publisher
    /// sends that key. With neither set, the receiver refuses every event.
    /// </summary>
    public string? ReceiverKey { get; set; }

    /// <summary>How long one publish may take before it counts as a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a sender's claim on a notification holds before another host may take it over (a crashed sender).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many events a second to one destination (the topic, or one enterprise webhook), retries included; 0 = no limit.</summary>
    [Range(0, 10_000)]
    public int MaxEventsPerSecondPerEndpoint { get; set; } = 50;

    /// <summary>The wait before a failed attempt is given back to the queue, doubled per attempt (capped at one minute); the queue's visibility timeout adds to it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(2);
}
