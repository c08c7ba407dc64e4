using Microsoft.AspNetCore.Builder;

namespace ServerlessGov.Hosting;

/// <summary>
/// Creates the builder a functions host starts from: ASP.NET Core's defaults, except that configuration files are
/// read once at start and never watched. The Functions runtime does the same (it restarts on a host.json change);
/// watching would put a recursive file watcher on the content root, where the embedded SQLite store lives, and every
/// write to the database would wake it.
/// </summary>
public static class FunctionsApplication
{
    private const string NoReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>The builder for a host started with <paramref name="args"/> from the current directory.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) => CreateBuilder(new WebApplicationOptions { Args = args });

    /// <summary>The builder for a host with these options (content root, environment, arguments).</summary>
    public static WebApplicationBuilder CreateBuilder(WebApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.Args ?? [], NoReload],
            ApplicationName = options.ApplicationName,
            ContentRootPath = options.ContentRootPath,
            EnvironmentName = options.EnvironmentName,
            WebRootPath = options.WebRootPath,
        });
    }
}
