namespace ServerlessGov.Durable.TestWorker;

/// <summary>The orchestration the multi-process test runs: a fan-out whose activities report which process ran them.</summary>
public static class SharedWork
{
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddActivityFunc<int, int[]>("WhereAmI", async (_, n) =>
            {
                await Task.Delay(5);
                return [Environment.ProcessId, n];
            })
            .AddOrchestratorFunc<int, List<int[]>>("Spread", async (ctx, count) =>
            {
                var calls = Enumerable.Range(0, count).Select(i => ctx.CallActivityAsync<int[]>("WhereAmI", i));
                return [.. await Task.WhenAll(calls)];
            });
    }
}
