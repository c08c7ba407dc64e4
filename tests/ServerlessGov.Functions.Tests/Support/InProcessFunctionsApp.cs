using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Support;

/// <summary>
/// Some of the app's functions on the real functions host in this process, on Kestrel at a loopback port, with the
/// test's table store in place of the host's (the host's own state goes to a SQLite file of its own).
/// </summary>
internal sealed class InProcessFunctionsApp : IAsyncDisposable
{
    private readonly TemporaryDirectory _root;

    private InProcessFunctionsApp(WebApplication app, TemporaryDirectory root)
    {
        App = app;
        _root = root;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Root = new Uri(address.TrimEnd('/') + "/");
    }

    public WebApplication App { get; }

    /// <summary>The app's root URL (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Root { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Every endpoint the app maps, for the endpoint audit.</summary>
    public IEnumerable<EndpointDataSource> Endpoints => ((IEndpointRouteBuilder)App).DataSources;

    /// <summary>Declares <paramref name="declare"/>'s functions, registers <paramref name="services"/>, and starts the app on <paramref name="port"/> (0: any free one).</summary>
    public static async Task<InProcessFunctionsApp> StartAsync(
        Action<FunctionsBuilder> declare,
        ITableStore tables,
        IDictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> services,
        int port = 0)
    {
        var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Root);
        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root.Root, EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["AzureWebJobsStorage"] = "Data Source=host.db" });
        builder.AddFunctionsHost(declare);
        builder.Services.AddSingleton(tables);
        services(builder.Services, builder.Configuration);
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new InProcessFunctionsApp(app, root);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _root.Dispose();
    }
}
