namespace ServerlessGov.Durable.Engine;

/// <summary>The production fault injector: does nothing.</summary>
internal sealed class NoFaults : IEngineFaultInjector
{
    public static readonly NoFaults Instance = new();

    public ValueTask OnStepAsync(EngineStep step, string instanceId) => ValueTask.CompletedTask;
}
