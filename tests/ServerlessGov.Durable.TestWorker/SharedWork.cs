using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.TestWorker;

/// <summary>
/// The orchestrations the multi-process tests run: a fan-out whose activities report which process ran them, and a
/// relay that keeps a few activities in flight and schedules a new one as each finishes, so the two processes keep
/// racing for the same instance while its outbox is being sent.
/// </summary>
public static class SharedWork
{
    /// <summary>How many activities a relay keeps in flight.</summary>
    public const int RelayWidth = 6;

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
            })
            .AddActivity(nameof(RecordRun), services => new RecordRun(services.GetRequiredService<ITableStore>()))
            .AddOrchestratorFunc<int, int>("Relay", async (ctx, total) =>
            {
                var pending = new List<Task<int>>();
                var next = 0;
                for (; next < Math.Min(RelayWidth, total); next++)
                {
                    pending.Add(ctx.CallActivityAsync<int>(nameof(RecordRun), next));
                }

                var sum = 0;
                while (pending.Count > 0)
                {
                    var done = await Task.WhenAny(pending);
                    pending.Remove(done);
                    sum += await done;
                    if (next < total)
                    {
                        pending.Add(ctx.CallActivityAsync<int>(nameof(RecordRun), next++));
                    }
                }

                return sum;
            });
    }
}
