namespace ServerlessGov.Hosting.Catalog;

/// <summary>One declared function: its name and trigger. Subtypes carry each trigger's binding.</summary>
public abstract record FunctionDefinition
{
    private protected FunctionDefinition(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The function's unique name (used in logs, metrics, timer status and the start listing).</summary>
    public string Name { get; }

    /// <summary>What starts it.</summary>
    public abstract TriggerKind Trigger { get; }

    /// <summary>The trigger's target as <c>func start</c> prints it: a route, a queue or a schedule.</summary>
    public abstract string Describe();
}
