using ServerlessGov.Durable;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.ChaosWorker;

/// <summary>Adds the chaos worker's faults on top of the app's own registrations.</summary>
public static class ChaosFaults
{
    /// <summary>
    /// Wraps the host's queue store (every queue the host, the durable engine and the features use) in a
    /// <see cref="DuplicatingQueueStore"/>, shortens the durable engine's message visibility and moves the app's clock
    /// when asked.
    /// Call after <c>AddFunctionsHost</c> and <c>AddApplicationServices</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host's queue store is not registered yet.</exception>
    public static IServiceCollection AddChaosFaults(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ChaosOptions.Section).Get<ChaosOptions>() ?? new ChaosOptions();
        var host = services.LastOrDefault(d => d.ServiceType == typeof(IQueueStore) && d.ImplementationFactory is not null)
            ?? throw new InvalidOperationException("Register the functions host (AddFunctionsHost) before the chaos faults.");
        services.Remove(host);
        services.AddSingleton<IQueueStore>(sp => new DuplicatingQueueStore((IQueueStore)host.ImplementationFactory!(sp), options.DuplicateShare, options.Seed));
        if (options.DurableMessageVisibility is { } visibility)
        {
            services.PostConfigure<DurableTaskOptions>(durable => durable.MessageVisibilityTimeout = visibility);
        }

        if (options.ClockOffset is { } offset)
        {
            services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(offset));
        }

        return services;
    }
}
