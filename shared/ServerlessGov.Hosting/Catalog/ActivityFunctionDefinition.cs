using Microsoft.DurableTask;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>An activity function run by the durable engine, at least once per call: make it idempotent.</summary>
public sealed record ActivityFunctionDefinition : FunctionDefinition
{
    internal ActivityFunctionDefinition(string name, Action<DurableTaskRegistry> register)
        : base(name)
    {
        Register = register;
    }

    internal Action<DurableTaskRegistry> Register { get; }

    public override TriggerKind Trigger => TriggerKind.Activity;

    public override string Describe() => "activityTrigger";
}
