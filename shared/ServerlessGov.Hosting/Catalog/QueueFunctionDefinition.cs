namespace ServerlessGov.Hosting.Catalog;

/// <summary>A function run once per message of a storage queue; the body is bound to <see cref="MessageType"/>.</summary>
public sealed record QueueFunctionDefinition : FunctionDefinition
{
    internal QueueFunctionDefinition(string name, string queueName, Type messageType, Func<BinaryData, IServiceProvider, object> bind, Func<object, Queues.QueueTriggerContext, CancellationToken, Task> handler)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        QueueName = queueName;
        MessageType = messageType;
        Bind = bind;
        Handler = handler;
    }

    /// <summary>The queue the function listens to; failures that exhaust retries go to <see cref="PoisonQueueName"/>.</summary>
    public string QueueName { get; }

    /// <summary>Where messages go after maxDequeueCount failures or when they cannot be read.</summary>
    public string PoisonQueueName => QueueName + "-poison";

    /// <summary>The type the JSON body is read as.</summary>
    public Type MessageType { get; }

    /// <summary>Reads a body as <see cref="MessageType"/> (with the app's services, for its serializer); throws <see cref="Queues.MessageBindingException"/> when it cannot.</summary>
    internal Func<BinaryData, IServiceProvider, object> Bind { get; }

    internal Func<object, Queues.QueueTriggerContext, CancellationToken, Task> Handler { get; }

    public override TriggerKind Trigger => TriggerKind.Queue;

    public override string Describe() => $"queue: {QueueName}";
}
