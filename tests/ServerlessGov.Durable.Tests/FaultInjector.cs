using System.Collections.Concurrent;
using ServerlessGov.Durable.Engine;

namespace ServerlessGov.Durable.Tests;

/// <summary>Throws at chosen engine steps, as a crash there would interrupt the episode.</summary>
internal sealed class FaultInjector(Func<EngineStep, int, bool> shouldFail) : IEngineFaultInjector
{
    private readonly ConcurrentDictionary<EngineStep, int> _hits = new();

    public int Injected;

    public ValueTask OnStepAsync(EngineStep step, string instanceId)
    {
        var hit = _hits.AddOrUpdate(step, 1, (_, n) => n + 1);
        if (shouldFail(step, hit))
        {
            Interlocked.Increment(ref Injected);
            throw new InvalidOperationException($"Injected crash at {step} (hit {hit}).");
        }

        return ValueTask.CompletedTask;
    }
}
