namespace ServerlessGov.Durable;

/// <summary>
/// The orchestrators and activities a worker can run, by name (case-insensitive). Build it once at startup; it is
/// read concurrently afterwards.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator class under its type name (or <paramref name="name"/>), created per episode.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(string? name = null)
        where TOrchestrator : class, ITaskOrchestrator, new() =>
        AddOrchestrator(name ?? typeof(TOrchestrator).Name, _ => new TOrchestrator());

    /// <summary>Registers an orchestrator factory under <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public DurableTaskRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers a plain function as an orchestrator.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var orchestrator = new FuncTaskOrchestrator<TInput, TOutput>(implementation);
        return AddOrchestrator(name, _ => orchestrator);
    }

    /// <summary>Registers an activity class under its type name (or <paramref name="name"/>), created per call.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public DurableTaskRegistry AddActivity<TActivity>(string? name = null)
        where TActivity : class, ITaskActivity, new() =>
        AddActivity(name ?? typeof(TActivity).Name, _ => new TActivity());

    /// <summary>Registers an activity factory under <paramref name="name"/> (resolve dependencies from the provider).</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers a plain function as an activity.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncTaskActivity<TInput, TOutput>(implementation);
        return AddActivity(name, _ => activity);
    }

    /// <summary>Registers a plain synchronous function as an activity.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, TOutput> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddActivityFunc<TInput, TOutput>(name, (context, input) => Task.FromResult(implementation(context, input)));
    }

    internal bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        orchestrator = _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;
        return orchestrator is not null;
    }

    internal bool TryCreateActivity(string name, IServiceProvider services, out ITaskActivity? activity)
    {
        activity = _activities.TryGetValue(name, out var factory) ? factory(services) : null;
        return activity is not null;
    }

    private sealed class FuncTaskOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => implementation(context, input);
    }

    private sealed class FuncTaskActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken) =>
            implementation(context, input);
    }
}
