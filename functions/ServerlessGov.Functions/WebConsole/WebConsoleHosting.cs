using Microsoft.Extensions.FileProviders;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.WebConsole;

/// <summary>
/// Serves the browser console (<c>console/ServerlessGov.WebConsole</c>, Blazor WebAssembly) from the app at <c>/</c>,
/// as a static site whose API is the app's own <c>/api</c>: the same shape the console has in Azure, where a Static Web
/// App serves the files and forwards <c>/api</c> to the function app. The files are public (they hold no data); every
/// call they make carries the person's token. Served in the Development environment only, as the console's
/// Development build offers the role picker.
/// </summary>
/// <remarks>
/// A Release build of the app carries the console as published (<see cref="BundleFolder"/>: trimmed, each file
/// fingerprinted and beside its Brotli and gzip forms), served by its endpoint manifest with the encoding the browser
/// accepts and fingerprinted files cached as immutable. A Debug build (<c>dotnet run</c>) serves the console's build
/// output as static web assets, which follow edits.
/// </remarks>
public static class WebConsoleHosting
{
    /// <summary>The folder under the app's output where a Release build publishes the console (the csproj's <c>PublishWebConsole</c>).</summary>
    public const string BundleFolder = "console";

    private const string BundleManifest = "ServerlessGov.WebConsole.staticwebassets.endpoints.json";

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
        if (PublishedBundle(app) is { } bundle)
        {
            // The published files are the web root (index.html for page addresses); the manifest's endpoints answer the rest.
            app.Environment.WebRootPath = Path.Combine(bundle, "wwwroot");
            app.Environment.WebRootFileProvider = new PhysicalFileProvider(app.Environment.WebRootPath);
            return app;
        }

        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>
    /// Maps the published console's files (Release), and answers a page address of the console
    /// (<c>/policies/old-age-allowance</c>, typed or reloaded) with <c>index.html</c>, so the console's router shows the
    /// page. Paths under the API's route prefix and <c>/openapi</c> are not pages: an unknown API path stays a 401 or
    /// 404. Call after <c>MapFunctions</c>.
    /// </summary>
    public static WebApplication MapWebConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (PublishedBundle(app) is { } bundle)
        {
            // The bundle does not change while the app runs: no Development re-reading of files, no-cache or missing integrity.
            app.Configuration["ReloadStaticAssetsAtRuntime"] = "false";
            app.MapStaticAssets(Path.Combine(bundle, BundleManifest)).RequireFunctionAuthorization(FunctionAuthorization.Public);
        }

        // index.html names the fingerprinted files of this build: never reused without asking.
        var page = new StaticFileOptions { OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache" };
        app.MapFallbackToFile("{*path:nonfile:" + ConsolePageConstraint.Name + "}", "index.html", page)
            .RequireFunctionAuthorization(FunctionAuthorization.Public);
        return app;
    }

    // The published console beside the app's assembly, in the Development environment; null in a Debug build.
    private static string? PublishedBundle(WebApplication app)
    {
        var bundle = Path.Combine(AppContext.BaseDirectory, BundleFolder);
        return app.Environment.IsDevelopment() && File.Exists(Path.Combine(bundle, BundleManifest)) ? bundle : null;
    }
}
