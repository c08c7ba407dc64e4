using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.WebConsole;

/// <summary>
/// Serves the browser console (<c>console/ServerlessGov.WebConsole</c>, Blazor WebAssembly) from the app at <c>/</c>,
/// as a static site whose API is the app's own <c>/api</c>: the same shape the console has in Azure, where a Static Web
/// App serves the files and forwards <c>/api</c> to the function app. The files are public (they hold no data); every
/// call they make carries the person's token.
/// </summary>
public static class WebConsoleHosting
{
    /// <summary>Registers what the console's routes need (the page-address constraint).</summary>
    public static IServiceCollection AddWebConsole(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<ConsolePageConstraint>(ConsolePageConstraint.Name));
        return services;
    }

    /// <summary>
    /// Serves the console's files (<c>index.html</c>, <c>_framework/</c>, styles). Call before <c>MapFunctions</c>, so
    /// files are answered before authentication runs.
    /// </summary>
    public static WebApplication UseWebConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>
    /// Answers a page address of the console (<c>/policies/old-age-allowance</c>, typed or reloaded) with
    /// <c>index.html</c>, so the console's router shows the page. Paths under the API's route prefix and
    /// <c>/openapi</c> are not pages: an unknown API path stays a 401 or 404. Call after <c>MapFunctions</c>.
    /// </summary>
    public static WebApplication MapWebConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapFallbackToFile("{*path:nonfile:" + ConsolePageConstraint.Name + "}", "index.html")
            .RequireFunctionAuthorization(FunctionAuthorization.Public);
        return app;
    }
}
