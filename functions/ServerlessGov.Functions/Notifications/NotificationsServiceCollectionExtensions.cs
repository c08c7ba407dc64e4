using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Notifications;

/// <summary>Registers the notification path: options from <c>Notifications</c>, the inbox and the sender (outside channels are whatever <see cref="INotificationChannel"/> adapters are registered: none by default).</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Adds the inbox and the sender unless already added.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new NotificationInbox(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<INotificationSender, NotificationSender>();
        return services;
    }
}
