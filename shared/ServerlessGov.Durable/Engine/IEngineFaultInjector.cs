namespace ServerlessGov.Durable.Engine;

/// <summary>A test hook called between the steps of an episode; throwing from it simulates a crash at that point.</summary>
internal interface IEngineFaultInjector
{
    ValueTask OnStepAsync(EngineStep step, string instanceId);
}
