namespace ServerlessGov.Benchmarks.Durable.SideBySide;

/// <summary>A worker and a client on a fresh task hub running HelloCities5, whichever engine is behind them.</summary>
internal abstract class HelloCities5Host : IAsyncDisposable
{
    /// <summary>The orchestrator's name, the same on every engine.</summary>
    public const string Orchestrator = "HelloCities5";

    /// <summary>What every completed instance returns.</summary>
    public const string ExpectedOutput = "Hello Tokyo, Hello Seattle, Hello London, Hello Beijing, Hello Shanghai";

    /// <summary>HTTP requests the worker and client put on the wire since <see cref="ResetCounters"/>; null where storage is in process.</summary>
    public abstract long? StorageRequests { get; }

    /// <summary>The Azurite launcher's process id when the engine stores on Azurite, so its CPU can be read.</summary>
    public abstract int? AzuriteProcessId { get; }

    public abstract void ResetCounters();

    /// <summary>Schedules one HelloCities5 instance and returns its id.</summary>
    public abstract Task<string> StartAsync(CancellationToken cancellationToken);

    /// <summary>Waits until the instance finishes and returns its runtime status and serialized output.</summary>
    public abstract Task<(string Status, string? Output)> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>The orchestration, written once against <c>Microsoft.DurableTask</c> and run unchanged by every engine.</summary>
    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("SayHello", (_, city) => "Hello " + city)
        .AddOrchestratorFunc<string?, string>(Orchestrator, async (ctx, _) =>
        {
            var parts = new List<string>();
            foreach (var city in new[] { "Tokyo", "Seattle", "London", "Beijing", "Shanghai" })
            {
                parts.Add(await ctx.CallActivityAsync<string>("SayHello", city));
            }

            return string.Join(", ", parts);
        });
}
