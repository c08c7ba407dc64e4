using Microsoft.Extensions.Logging;

namespace ServerlessGov.Durable.Differential.Tests.Backends;

/// <summary>One engine the differential suite runs the same orchestrations on, each test on a fresh task hub.</summary>
public abstract class DurableBackend : IAsyncLifetime
{
    /// <summary>A short name for test output.</summary>
    public abstract string Name { get; }

    /// <summary>True for DurableTask.Core on DurableTask.AzureStorage (Durable Functions' engine).</summary>
    public virtual bool IsRealEngine => false;

    /// <summary>Starts a worker and a client on a new task hub running the registered orchestrations and activities.</summary>
    public abstract Task<BackendHost> StartAsync(Action<DurableTaskRegistry> registerTasks, ILoggerProvider logs);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A task hub name no other test uses (letters and digits, as both engines require).</summary>
    protected static string NewHubName() => "Diff" + Guid.NewGuid().ToString("N")[..16];
}

/// <summary>A running worker and its client; disposing it stops the worker and removes what it can of the hub.</summary>
public sealed class BackendHost(DurableTaskClient client, Func<ValueTask> stop) : IAsyncDisposable
{
    /// <summary>The Durable Task SDK client of this hub.</summary>
    public DurableTaskClient Client { get; } = client;

    public ValueTask DisposeAsync() => stop();
}
