using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

namespace ServerlessGov.WebConsole.Api;

/// <summary>Registers the typed API clients over one HTTP client that carries the person's token to the API (<c>/api</c> on the console's own origin unless configured).</summary>
public static class ConsoleApiServices
{
    /// <summary>Adds the clients; <paramref name="api"/> is the API's root (ending in <c>api/</c>), the only address tokens are sent to.</summary>
    public static IServiceCollection AddConsoleApi(this IServiceCollection services, Uri api)
    {
        services.AddScoped(sp =>
        {
            var handler = new AuthorizationMessageHandler(sp.GetRequiredService<IAccessTokenProvider>(), sp.GetRequiredService<NavigationManager>())
                .ConfigureHandler(authorizedUrls: [api.ToString()]);
            handler.InnerHandler = new HttpClientHandler();
            return new HttpClient(handler) { BaseAddress = api };
        });
        services.AddScoped<SignInClient>(sp => new SignInClient(new HttpClient { BaseAddress = api }));
        services.AddScoped<InboxClient>();
        services.AddScoped<PoliciesClient>();
        services.AddScoped<ReviewsClient>();
        services.AddScoped<CasesClient>();
        services.AddScoped<EnterprisesClient>();
        services.AddScoped<OperationsClient>();
        return services;
    }
}
