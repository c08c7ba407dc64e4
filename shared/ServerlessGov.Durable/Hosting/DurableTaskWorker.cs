using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.Engine;

namespace ServerlessGov.Durable;

/// <summary>
/// The hosted worker that runs orchestration episodes and activities for one hub. Several processes may run it on
/// the same store: they share the control queues and the work-item queues (the activities' and the background
/// lane's), and optimistic concurrency on each
/// instance row keeps any two from both committing the same step.
/// </summary>
public sealed class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private readonly DurableStore _store;
    private readonly OrchestrationDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly ActivityDispatcher _backgroundActivities;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly CancellationTokenSource _hardStop = new();
    private Task _running = Task.CompletedTask;

    internal DurableTaskWorker(DurableStore store, TaskCatalog registry, IServiceProvider services, ILoggerFactory loggerFactory, IEngineFaultInjector faults)
    {
        _store = store;
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        var runner = new OrchestrationEpisodeRunner(store, registry, services, loggerFactory, faults);
        _orchestrations = new OrchestrationDispatcher(store, runner, faults, _logger);
        _activities = new ActivityDispatcher(store, urgentWorkWaiting: null, registry, services, faults, _logger);
        _backgroundActivities = new ActivityDispatcher(store, () => _activities.HasBacklog || _orchestrations.HasBacklog, registry, services, faults, _logger);
    }

    /// <summary>Creates the hub's table and queues if needed and starts polling.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store could not be reached.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var loops = _store.ControlQueues
            .Select(queue => Task.Run(() => _orchestrations.RunAsync(queue, _stopPolling.Token, _hardStop.Token), CancellationToken.None))
            .Append(Task.Run(() => _activities.RunAsync(_stopPolling.Token, _hardStop.Token), CancellationToken.None))
            .Append(Task.Run(() => _backgroundActivities.RunAsync(_stopPolling.Token, _hardStop.Token), CancellationToken.None));
        _running = Task.WhenAll(loops);
        Logs.WorkerStarted(_logger, _store.Options.HubName, _store.ControlQueues.Count);
    }

    /// <summary>
    /// Stops polling and lets in-flight episodes and activities finish within
    /// <see cref="DurableTaskOptions.ShutdownGracePeriod"/> (or until <paramref name="cancellationToken"/>); what is
    /// still running then is cancelled and its messages are handed back to the queues.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Logs.WorkerStopping(_logger, _orchestrations.InFlight + _activities.InFlight + _backgroundActivities.InFlight);
        await _stopPolling.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.WaitAsync(_store.Options.ShutdownGracePeriod, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _hardStop.CancelAsync().ConfigureAwait(false);
            await _running.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopPolling.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _stopPolling.Dispose();
        _orchestrations.Dispose();
        _activities.Dispose();
        _backgroundActivities.Dispose();
        _hardStop.Dispose();
    }
}
