using Microsoft.DurableTask;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>
/// An orchestrator function run by the durable engine. It replays from history, so it must be deterministic: take
/// time, GUIDs and randomness from its context, and do I/O only through activities.
/// </summary>
public sealed record OrchestrationFunctionDefinition : FunctionDefinition
{
    internal OrchestrationFunctionDefinition(string name, Action<DurableTaskRegistry> register)
        : base(name)
    {
        Register = register;
    }

    internal Action<DurableTaskRegistry> Register { get; }

    public override TriggerKind Trigger => TriggerKind.Orchestration;

    public override string Describe() => "orchestrationTrigger";
}
