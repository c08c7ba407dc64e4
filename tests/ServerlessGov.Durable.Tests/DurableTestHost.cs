using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.Engine;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests;

/// <summary>A real worker and client on a fresh hub of a shared store, built through the public DI extension.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _stopped;

    private DurableTestHost(ServiceProvider services)
    {
        _services = services;
        Worker = services.GetRequiredService<DurableTaskWorker>();
        Client = services.GetRequiredService<DurableTaskClient>();
        Store = services.GetRequiredService<DurableStore>();
    }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    internal DurableStore Store { get; }

    public static string NewHubName() => "H" + Guid.NewGuid().ToString("N");

    public static async Task<DurableTestHost> StartAsync(
        IStorageAdapterFixture storage,
        Action<DurableTaskRegistry> register,
        Action<DurableTaskOptions>? configure = null,
        TimeProvider? time = null,
        IEngineFaultInjector? faults = null,
        string? hubName = null,
        bool startWorker = true,
        ILoggerProvider? loggerProvider = null)
    {
        var hub = hubName ?? NewHubName();
        var services = new ServiceCollection();
        services.AddSingleton<ITableStore>(storage.Tables);
        services.AddSingleton<IQueueStore>(storage.Queues);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (loggerProvider is not null)
        {
            services.AddLogging(builder => builder.AddProvider(loggerProvider));
        }

        if (faults is not null)
        {
            services.AddSingleton(faults);
        }

        services.AddDurableTask(register, options =>
        {
            options.HubName = hub;
            options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            options.ShutdownGracePeriod = TimeSpan.FromSeconds(5);
            configure?.Invoke(options);
        });
        var host = new DurableTestHost(services.BuildServiceProvider());
        if (startWorker)
        {
            await host.Worker.StartAsync(CancellationToken.None);
        }
        else
        {
            await host.Store.EnsureCreatedAsync(CancellationToken.None);
            host._stopped = true;
        }

        return host;
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null, TimeSpan? timeout = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(id, timeout);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls until the instance reaches a status (for states that are not terminal).</summary>
    public Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status, TimeSpan? timeout = null) =>
        WaitForAsync(instanceId, instance => instance.RuntimeStatus == status, timeout);

    /// <summary>Polls until the instance satisfies a condition.</summary>
    public async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cts.Token);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Worker.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
    }
}
