using ServerlessGov.Functions.Enterprises.Digests;
using ServerlessGov.Functions.Enterprises.Dispatch;
using ServerlessGov.Functions.Enterprises.Matching;
using ServerlessGov.Functions.Enterprises.Profiles;
using ServerlessGov.Functions.Enterprises.Webhooks;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>Registers the enterprise feature (matcher, profile reader, dispatcher with Event Grid publisher and webhooks, rate limiter, digest, stores), configured from <c>Enterprises:EventGrid</c> and <c>Enterprises:Webhooks</c>.</summary>
public static class EnterprisesServiceCollectionExtensions
{
    /// <summary>Registers the services. Needs an <c>ITableStore</c>, a <see cref="TimeProvider"/> and the functions host's settings.</summary>
    /// <remarks>
    /// Outside Development the topic endpoint is required at start. In Development it may be left out (tests and tools
    /// that never notify); then every notification fails with that reason and lands in the poison queue.
    /// </remarks>
    public static IServiceCollection AddEnterprises(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<EnterpriseNotificationOptions>()
            .Bind(configuration.GetSection(EnterpriseNotificationOptions.Section))
            .ValidateDataAnnotations()
            .Validate(options => options.TopicEndpoint is not null || environment.IsDevelopment(), $"{EnterpriseNotificationOptions.Section}:TopicEndpoint is required")
            .Validate(
                options => options.TopicEndpoint is null || options.TopicEndpoint.Scheme == Uri.UriSchemeHttps || !string.IsNullOrEmpty(options.TopicKey),
                $"{EnterpriseNotificationOptions.Section}:TopicKey is required when TopicEndpoint is not https (a managed identity token is sent over TLS only)")
            .ValidateOnStart();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<OptOutStore>();
        services.AddSingleton<EnterpriseNotificationSender>();
        services.AddSingleton<EnterpriseEventDispatcher>();
        services.AddSingleton<WeeklyDigestScheduler>();
        services.AddSingleton<WeeklyDigestSender>();
        services.AddSingleton<EndpointRateLimiter>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookValidator>();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookAddressGuard>();

        // Every call to an enterprise webhook connects through the guard; no proxy (it would hide the address) and no redirects.
        services.AddHttpClient(WebhookValidator.ClientName).ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
        {
            ConnectCallback = provider.GetRequiredService<WebhookAddressGuard>().ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
        });
        services.AddSingleton<EnterprisePolicyMatcher>();
        services.AddSingleton<MatchNotificationQueue>();
        services.AddSingleton<EnterpriseMatchingHandler>();
        services.AddSingleton<EnterpriseProfileReader>();
        return services;
    }
}
