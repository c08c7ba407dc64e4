using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServerlessGov.Durable.Differential.Tests;

/// <summary>
/// The orchestrations and activities every backend runs, unchanged: static methods in the isolated Durable Functions
/// form (a <see cref="TaskOrchestrationContext"/>, input through <see cref="TaskOrchestrationContext.GetInput{T}"/>).
/// </summary>
internal static partial class DiffOrchestrations
{
    /// <summary>Category of the replay-safe log lines the logging test counts.</summary>
    public const string LogCategory = "Diff.Orchestrator";

    /// <summary>Calls per activity key, so a test can see how often an activity really ran.</summary>
    public static ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>Instances whose orchestrator code "changed" between two episodes (the determinism test).</summary>
    public static ConcurrentDictionary<string, bool> Changed { get; } = new();

    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("SayHello", (_, city) => $"Hello {city}!")
        .AddActivityFunc<int, int>("Divide", (_, n) => 10 / n)
        .AddActivityFunc<string, int>("Flaky", (_, key) => FailUntil(key, 3))
        .AddActivityFunc<string, int>("AlwaysFails", (_, key) => FailUntil(key, int.MaxValue))
        .AddActivityFunc<string, int>("Refuses", (Func<TaskActivityContext, string, int>)((_, key) =>
        {
            Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
            throw new ArgumentException("not retried: " + key);
        }))
        .AddActivityFunc<int, int>("Slow", async (_, ms) =>
        {
            await Task.Delay(ms);
            return ms;
        })
        .AddOrchestratorFunc<string[], string>("Hello", (ctx, _) => HelloAsync(ctx))
        .AddOrchestratorFunc<int, int>("Divider", (ctx, _) => DividerAsync(ctx))
        .AddOrchestratorFunc<int, string>("CatchingDivider", (ctx, _) => CatchingDividerAsync(ctx))
        .AddOrchestratorFunc<string, int>("Retrying", (ctx, _) => RetryingAsync(ctx))
        .AddOrchestratorFunc<string, int>("RetryExhausted", (ctx, _) => RetryExhaustedAsync(ctx))
        .AddOrchestratorFunc<string, int>("RetryNotHandled", (ctx, _) => RetryNotHandledAsync(ctx))
        .AddOrchestratorFunc<string?, string>("StatusSteps", (ctx, _) => StatusStepsAsync(ctx))
        .AddOrchestratorFunc<int, double>("Sleeper", (ctx, _) => SleeperAsync(ctx))
        .AddOrchestratorFunc<int, int[]>("Buffered", (ctx, _) => BufferedAsync(ctx))
        .AddOrchestratorFunc<string?, string>("Impatient", (ctx, _) => ImpatientAsync(ctx))
        .AddOrchestratorFunc<int, int>("Child", (ctx, _) => ChildAsync(ctx))
        .AddOrchestratorFunc<string?, int>("FailingChild", (ctx, _) => FailingChildAsync(ctx))
        .AddOrchestratorFunc<string, string>("Parent", (ctx, _) => ParentAsync(ctx))
        .AddOrchestratorFunc<List<int>, List<int>>("Accumulate", (ctx, _) => AccumulateAsync(ctx))
        .AddOrchestratorFunc<string?, int>("WaitForGo", (ctx, _) => WaitForGoAsync(ctx))
        .AddOrchestratorFunc<string?, int>("Chatty", (ctx, _) => ChattyAsync(ctx))
        .AddOrchestratorFunc<string?, string>("Drifting", (ctx, _) => DriftingAsync(ctx));

    public static async Task<string> HelloAsync(TaskOrchestrationContext context)
    {
        var cities = context.GetInput<string[]>()!;
        var greetings = new List<string>();
        foreach (var city in cities)
        {
            greetings.Add(await context.CallActivityAsync<string>("SayHello", city));
            context.SetCustomStatus(new { greeted = greetings.Count });
        }

        return string.Join(" ", greetings);
    }

    public static Task<int> DividerAsync(TaskOrchestrationContext context) =>
        context.CallActivityAsync<int>("Divide", context.GetInput<int>());

    public static async Task<string> CatchingDividerAsync(TaskOrchestrationContext context)
    {
        try
        {
            return (await context.CallActivityAsync<int>("Divide", context.GetInput<int>())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (TaskFailedException ex)
        {
            return $"{ex.TaskName}|{ex.TaskId}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.Message}";
        }
    }

    public static Task<int> RetryingAsync(TaskOrchestrationContext context) =>
        context.CallActivityAsync<int>("Flaky", context.GetInput<string>(), TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1))));

    public static Task<int> RetryExhaustedAsync(TaskOrchestrationContext context) =>
        context.CallActivityAsync<int>("AlwaysFails", context.GetInput<string>(), TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(500))));

    public static Task<int> RetryNotHandledAsync(TaskOrchestrationContext context) =>
        context.CallActivityAsync<int>("Refuses", context.GetInput<string>(), TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(500))
        {
            HandleFailure = failure => failure.ErrorType != typeof(ArgumentException).FullName,
        }));

    public static async Task<string> StatusStepsAsync(TaskOrchestrationContext context)
    {
        context.SetCustomStatus("started");
        await context.WaitForExternalEvent<int>("first");
        context.SetCustomStatus("middle");
        await context.WaitForExternalEvent<int>("second");
        context.SetCustomStatus("done");
        return "finished";
    }

    public static async Task<double> SleeperAsync(TaskOrchestrationContext context)
    {
        var before = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMilliseconds(context.GetInput<int>()), CancellationToken.None);
        return (context.CurrentUtcDateTime - before).TotalMilliseconds;
    }

    public static async Task<int[]> BufferedAsync(TaskOrchestrationContext context)
    {
        await context.CallActivityAsync<int>("Slow", context.GetInput<int>());
        var first = await context.WaitForExternalEvent<int>("item");
        var second = await context.WaitForExternalEvent<int>("item");
        return [first, second];
    }

    public static async Task<string> ImpatientAsync(TaskOrchestrationContext context)
    {
        try
        {
            return (await context.WaitForExternalEvent<int>("never", TimeSpan.FromSeconds(1))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException ex)
        {
            return "gave up: " + ex.GetType().Name;
        }
    }

    public static Task<int> ChildAsync(TaskOrchestrationContext context) => Task.FromResult(context.GetInput<int>() + 1);

    public static Task<int> FailingChildAsync(TaskOrchestrationContext context) => throw new InvalidOperationException("the child broke");

    public static async Task<string> ParentAsync(TaskOrchestrationContext context)
    {
        var childId = context.InstanceId + "-child";
        var result = await context.CallSubOrchestratorAsync<int>("Child", 41, new SubOrchestrationOptions { InstanceId = childId });
        try
        {
            await context.CallSubOrchestratorAsync<int>("FailingChild", null, new SubOrchestrationOptions { InstanceId = childId + "-failing" });
            return "no failure";
        }
        catch (TaskFailedException ex)
        {
            return $"{result}|{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}";
        }
    }

    public static async Task<List<int>> AccumulateAsync(TaskOrchestrationContext context)
    {
        var seen = context.GetInput<List<int>>()!;
        context.SetCustomStatus(seen.Count == 0 ? "first generation" : null);
        if (seen.Count == 3)
        {
            return seen;
        }

        seen.Add(await context.WaitForExternalEvent<int>("item"));
        context.ContinueAsNew(seen);
        return seen;
    }

    public static async Task<int> WaitForGoAsync(TaskOrchestrationContext context) => await context.WaitForExternalEvent<int>("go") * 2;

    public static async Task<int> ChattyAsync(TaskOrchestrationContext context)
    {
        var logger = context.CreateReplaySafeLogger(LogCategory);
        var total = 0;
        for (var i = 0; i < 3; i++)
        {
            Step(logger, i, context.InstanceId);
            total += await context.CallActivityAsync<int>("Slow", 1);
        }

        Done(logger, context.InstanceId);
        return total;
    }

    public static async Task<string> DriftingAsync(TaskOrchestrationContext context)
    {
        var activity = Changed.ContainsKey(context.InstanceId) ? "Divide" : "SayHello";
        await context.CallActivityAsync<object>(activity, activity == "Divide" ? 1 : "x");
        context.SetCustomStatus("waiting");
        await context.WaitForExternalEvent<int>("go");
        return "unreachable once the code changed";
    }

    [LoggerMessage(1, LogLevel.Information, "step {Step} of {Instance}")]
    private static partial void Step(ILogger logger, int step, string instance);

    [LoggerMessage(2, LogLevel.Information, "done {Instance}")]
    private static partial void Done(ILogger logger, string instance);

    private static int FailUntil(string key, int succeedOnCall)
    {
        var call = Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        return call >= succeedOnCall ? call : throw new InvalidOperationException($"call {call} of {key} failed");
    }
}
