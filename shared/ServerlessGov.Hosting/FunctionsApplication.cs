using Microsoft.AspNetCore.Builder;

namespace ServerlessGov.Hosting;

/// <summary>
/// Creates the builder a functions host starts from: ASP.NET Core's defaults, except that configuration files are
/// read once at start and never watched. The Functions runtime does the same (it restarts on a host.json change);
/// watching would put a recursive file watcher on the content root, where the embedded SQLite store lives, and every
/// write to the database would wake it. The environment may also be named by <c>AZURE_FUNCTIONS_ENVIRONMENT</c>, as
/// Azure Functions Core Tools sets it (<c>func start</c> runs in Development).
/// </summary>
public static class FunctionsApplication
{
    /// <summary>The environment variable Azure Functions names its environment in; read when ASP.NET Core's own are not set.</summary>
    public const string EnvironmentVariable = "AZURE_FUNCTIONS_ENVIRONMENT";

    private const string NoReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>The builder for a host started with <paramref name="args"/> from the current directory.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) => CreateBuilder(new WebApplicationOptions { Args = args });

    /// <summary>
    /// The builder for a host with these options (content root, environment, arguments). Without an environment in
    /// the options, <c>--environment</c>, <c>ASPNETCORE_ENVIRONMENT</c> or <c>DOTNET_ENVIRONMENT</c>, the environment
    /// is <see cref="EnvironmentVariable"/>'s value when it is set (else Production, as ASP.NET Core's default).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(WebApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = options.Args ?? [];
        var named = options.EnvironmentName is not null
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase) || a.StartsWith("environment=", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"));
        var functions = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, NoReload],
            ApplicationName = options.ApplicationName,
            ContentRootPath = options.ContentRootPath,
            EnvironmentName = named || string.IsNullOrEmpty(functions) ? options.EnvironmentName : functions,
            WebRootPath = options.WebRootPath,
        });
    }
}
