using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Connections;
using ServerlessGov.Hosting.Health;
using ServerlessGov.Hosting.Observability;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Timers;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting;

/// <summary>
/// Starts the host: validates every setting and declaration (failing the start with the offending keys), lists the
/// functions, creates queues and tables, and runs the queue and timer listeners; on stop, lets running invocations
/// finish within the shutdown budget (functionTimeout), then cancels them and releases their messages.
/// </summary>
internal sealed class FunctionsHostService(
    IServiceProvider services,
    FunctionCatalog catalog,
    HostJsonReport hostJson,
    FunctionsHostState state,
    TimeProvider timeProvider,
    ILogger<FunctionsHostService> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>How long cancelled invocations get to hand their messages back once the shutdown budget is spent.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _listeners = [];
    private readonly string _hostId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly List<QueueListener> _queueListeners = [];
    private Dictionary<string, CronSchedule> _schedules = [];
    private DurableTaskWorker? _durableWorker;

    /// <summary>Runs before any hosted service (and the web server) starts: a bad setting stops the start here.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var key in hostJson.UnknownKeys)
        {
            Logs.UnknownHostKey(logger, key);
        }

        var settings = services.GetRequiredService<FunctionsHostSettings>();
        var errors = new List<string>();
        _schedules = Validate(settings, errors);
        if (errors.Count > 0)
        {
            throw new HostConfigurationException(errors);
        }

        await services.GetRequiredService<StorageConnection>().OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<FunctionsHostSettings>();
        var schedules = _schedules;
        var queues = catalog.Functions.OfType<QueueFunctionDefinition>().Any() ? services.GetRequiredService<IQueueStore>() : null;
        var tables = catalog.Functions.OfType<TimerFunctionDefinition>().Any() ? services.GetRequiredService<ITableStore>() : null;
        ListFunctions(settings);

        var invoker = services.GetRequiredService<FunctionInvoker>();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var listenerLogger = services.GetRequiredService<ILoggerFactory>().CreateLogger("ServerlessGov.Hosting.Listeners");
        var starts = new List<Func<Task>>();
        foreach (var function in catalog.Functions.OfType<QueueFunctionDefinition>())
        {
            var listener = new QueueListener(function, queues!, settings.Queues, invoker, scopes, services, timeProvider, services.GetRequiredService<QueueWakeSignals>(), listenerLogger);
            await listener.InitializeAsync(cancellationToken).ConfigureAwait(false);
            _queueListeners.Add(listener);
            starts.Add(() => listener.RunAsync(_stopping.Token, _abort.Token));
        }

        if (tables is not null)
        {
            var store = new TimerStateStore(tables, timeProvider);
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            foreach (var function in catalog.Functions.OfType<TimerFunctionDefinition>())
            {
                var listener = new TimerListener(function, schedules[function.Name], store, settings.Singleton, invoker, scopes, timeProvider, _hostId, listenerLogger);
                starts.Add(() => listener.RunAsync(_stopping.Token, _abort.Token));
            }
        }

        foreach (var start in starts)
        {
            _listeners.Add(Task.Run(start, CancellationToken.None));
        }

        _durableWorker = services.GetService<DurableTaskWorker>();
        if (_durableWorker is not null)
        {
            await _durableWorker.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        state.MarkStarted();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        state.MarkStopping();
        Logs.Draining(logger, services.GetRequiredService<FunctionsHostSettings>().FunctionTimeout, _queueListeners.Sum(l => l.InFlight));
        await _stopping.CancelAsync().ConfigureAwait(false);
        var all = Task.WhenAll(_listeners.Append(_durableWorker?.StopAsync(cancellationToken) ?? Task.CompletedTask));
        try
        {
            await all.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            try
            {
                await all.WaitAsync(AbortGrace, timeProvider, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Logs.AbandonedOnShutdown(logger, AbortGrace);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
        foreach (var listener in _queueListeners)
        {
            listener.Dispose();
        }
    }

    private Dictionary<string, CronSchedule> Validate(FunctionsHostSettings settings, List<string> errors)
    {
        var schedules = new Dictionary<string, CronSchedule>(StringComparer.Ordinal);
        foreach (var function in catalog.Functions)
        {
            switch (function)
            {
                case TimerFunctionDefinition timer:
                    var schedule = CronSchedule.TryParse(timer.Schedule, settings.TimeZone, out var error);
                    if (schedule is null)
                    {
                        errors.Add($"{timer.Name} schedule {error}");
                    }
                    else
                    {
                        schedules[timer.Name] = schedule;
                    }

                    break;
                case QueueFunctionDefinition queue:
                    try
                    {
                        QueueRules.ValidateQueueName(queue.QueueName);
                        QueueRules.ValidateQueueName(queue.PoisonQueueName);
                    }
                    catch (StorageException ex)
                    {
                        errors.Add($"{queue.Name} queue '{queue.QueueName}' is invalid (its poison queue '{queue.PoisonQueueName}' must be a valid name too): {ex.Message}");
                    }

                    break;
            }
        }

        var http = catalog.Functions.OfType<HttpFunctionDefinition>().ToList();
        if (http.Any(f => f.Authorization.Kind == AuthorizationKind.Roles) && settings.Auth.Authority is null && settings.Auth.DevSigningKey is null)
        {
            errors.Add("Auth:Authority (production) or Auth:DevSigningKey (local development) is required: some functions require roles");
        }

        if (http.Any(f => f.Authorization.Kind == AuthorizationKind.FunctionKey) && settings.Auth.FunctionKeys.Count == 0)
        {
            errors.Add("Auth:FunctionKeys must hold at least one key (Auth:FunctionKeys:<name>): some functions require a function key");
        }

        return schedules;
    }

    private void ListFunctions(FunctionsHostSettings settings)
    {
        Logs.FunctionsListed(logger, catalog.Functions.Count);
        foreach (var function in catalog.Functions)
        {
            var target = function is HttpFunctionDefinition http
                ? $"{http.Method} /{string.Join('/', new[] { settings.RoutePrefix, http.Route }.Where(s => s.Length > 0))} ({http.Authorization})"
                : function.Describe();
            Logs.FunctionListed(logger, function.Name, function.Trigger.ToString().ToLowerInvariant(), target);
        }

        foreach (var name in catalog.Disabled)
        {
            Logs.FunctionDisabled(logger, name);
        }
    }
}
