using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Hosting.Queues;

/// <summary>What a queue-triggered function knows about the message it runs for (as Azure's QueueTrigger metadata).</summary>
public sealed class QueueTriggerContext : FunctionContext
{
    /// <summary>Builds a context for a received message, e.g. to call a handler from a unit test.</summary>
    /// <exception cref="ArgumentException">A name or id is empty, or an argument is null.</exception>
    public QueueTriggerContext(string functionName, string invocationId, IServiceProvider services, string queueName, Storage.Queues.QueueMessage message)
        : base(functionName, invocationId, services)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        ArgumentNullException.ThrowIfNull(message);
        QueueName = queueName;
        MessageId = message.MessageId;
        DequeueCount = message.DequeueCount;
        InsertedOn = message.InsertedOn;
        ExpiresOn = message.ExpiresOn;
    }

    /// <summary>The queue the message came from.</summary>
    public string QueueName { get; }

    /// <summary>The storage message id, stable across retries (use it to make the handler idempotent).</summary>
    public string MessageId { get; }

    /// <summary>How many times the message has been received, this time included (1 on the first try).</summary>
    public long DequeueCount { get; }

    /// <summary>When the message was first sent.</summary>
    public DateTimeOffset InsertedOn { get; }

    /// <summary>When the message expires, or null when it never does.</summary>
    public DateTimeOffset? ExpiresOn { get; }
}
