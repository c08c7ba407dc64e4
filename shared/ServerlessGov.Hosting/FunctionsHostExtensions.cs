using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServerlessGov.Durable;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Connections;
using ServerlessGov.Hosting.Health;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Observability;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting;

/// <summary>The two calls an app makes: <see cref="AddFunctionsHost"/> on the builder and <see cref="MapFunctions"/> on the app.</summary>
public static class FunctionsHostExtensions
{
    /// <summary>
    /// Reads host.json and, in the Development environment only (where Azure Functions Core Tools reads it),
    /// local.settings.json (content root) into configuration, registers the declared functions,
    /// their triggers, storage from <c>AzureWebJobsStorage</c> (unless the app registered its own stores),
    /// authentication, problem details, OpenAPI, metrics and tracing (OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set).
    /// Settings are validated when the host starts, which fails with <see cref="HostConfigurationException"/>.
    /// </summary>
    /// <remarks>
    /// Unless the command line or environment names URLs or ports, the app listens on <c>http://localhost:{Host.LocalHttpPort}</c>
    /// (local.settings.json, default 7071), as <c>func start</c> does.
    /// </remarks>
    /// <exception cref="HostConfigurationException">host.json or local.settings.json is not valid JSON, or <c>Host.LocalHttpPort</c> is not a port.</exception>
    /// <exception cref="ArgumentException">A function is declared twice or with an invalid name, or a route parameter has no rule.</exception>
    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder, Action<FunctionsBuilder> declare)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(declare);
        var root = builder.Environment.ContentRootPath;
        var development = builder.Environment.IsDevelopment();
        var (hostValues, unknownKeys) = FunctionsConfigurationFiles.ReadHostJson(Path.Combine(root, FunctionsConfigurationFiles.HostJsonFileName));
        var (localValues, localHttpPort) = development
            ? FunctionsConfigurationFiles.ReadLocalSettings(Path.Combine(root, FunctionsConfigurationFiles.LocalSettingsFileName))
            : ([], null);
        // Lowest precedence, so environment variables (AzureFunctionsJobHost__..., Values overrides) win, as in Azure.
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        sources.Insert(0, new MemoryConfigurationSource { InitialData = localValues });
        sources.Insert(0, new MemoryConfigurationSource { InitialData = hostValues });
        if (!ListensWhereConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls($"http://localhost:{localHttpPort ?? FunctionsConfigurationFiles.DefaultLocalHttpPort}");
        }

        var functions = new FunctionsBuilder(builder.Configuration);
        declare(functions);

        var services = builder.Services;
        var catalog = new FunctionCatalog(functions.Functions, functions.RouteValues);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => catalog.WithoutDisabled(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(new HostJsonReport(unknownKeys));
        services.AddSingleton(sp =>
        {
            var settings = HostSettingsReader.Read(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>(), out var errors);
            return errors.Count > 0 ? throw new HostConfigurationException(errors) : settings;
        });
        services.AddSingleton<FunctionsHostAddress>();
        services.AddSingleton<FunctionsHostState>();
        services.AddSingleton<FunctionsTelemetry>();
        services.AddSingleton<FunctionInvoker>();
        services.AddSingleton<StorageConnection>();
        services.TryAddSingleton<ITableStore>(sp => sp.GetRequiredService<StorageConnection>().Tables);
        services.AddSingleton<QueueWakeSignals>();
        services.TryAddSingleton<IQueueStore>(sp => new SignalingQueueStore(sp.GetRequiredService<StorageConnection>().Queues, sp.GetRequiredService<QueueWakeSignals>()));
        services.AddHostedService<FunctionsHostService>();
        services.AddOptions<HostOptions>().Configure<FunctionsHostSettings>((options, settings) => options.ShutdownTimeout = settings.FunctionTimeout);

        AddDurableFunctions(services, functions.Functions);
        services.AddFunctionsAuthentication();
        var devKey = builder.Configuration["Auth:DevSigningKey"];
        if (development && devKey is { Length: >= DevTokenIssuer.MinimumKeyLength })
        {
            services.AddSingleton(sp => new DevTokenIssuer(devKey, sp.GetRequiredService<TimeProvider>()));
        }

        services.AddProblemDetails();
        services.AddExceptionHandler<FunctionsExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.AllowDuplicateProperties = false);
        services.AddOpenApi();

        // ASP.NET Core's request logs carry the raw path and query, where an identifier typed into a URL would land;
        // the host writes its own request log instead (RequestLog), with every route value that broke its rule left out.
        builder.Logging.AddFilter(RequestLog.AspNetCoreRequestCategory, LogLevel.Warning);

        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(FunctionsTelemetry.SourceName).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(FunctionsTelemetry.SourceName).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// True when the command line, the environment (<c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, …) or Kestrel's
    /// own endpoints say where to listen; only otherwise does local.settings.json's <c>Host.LocalHttpPort</c> apply, as with <c>func start</c>.
    /// </summary>
    private static bool ListensWhereConfigured(ConfigurationManager configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>
    /// Registers the durable engine when the app declares orchestrations or activities, configured from host.json
    /// <c>extensions.durableTask</c>. The engine's worker is started and stopped by the functions host itself, after
    /// storage is open and within functionTimeout, so its own hosted-service registration is taken out.
    /// </summary>
    private static void AddDurableFunctions(IServiceCollection services, IReadOnlyList<FunctionDefinition> functions)
    {
        var durable = functions.Where(f => f.Trigger is TriggerKind.Orchestration or TriggerKind.Activity).ToList();
        if (durable.Count == 0)
        {
            return;
        }

        // The engine wakes its own pollers and needs no signalling wrapper. Given the connection's own store for both
        // tables and queues, it commits each episode in one transaction where the store can (SQLite). A store the app
        // or a test put in place of the host's is used as it is.
        services.AddSingleton(sp =>
        {
            var tables = sp.GetRequiredService<ITableStore>();
            var queues = sp.GetRequiredService<IQueueStore>();
            return queues is SignalingQueueStore signaling && ReferenceEquals(tables, sp.GetRequiredService<StorageConnection>().Tables)
                ? new DurableTaskStorage(tables, signaling.Inner)
                : new DurableTaskStorage(tables, queues);
        });
        var before = services.Count;
        services.AddDurableTask(registry =>
        {
            foreach (var function in durable)
            {
                (function switch
                {
                    OrchestrationFunctionDefinition orchestration => orchestration.Register,
                    ActivityFunctionDefinition activity => activity.Register,
                    _ => throw new InvalidOperationException($"'{function.Name}' is not a durable function."),
                })(registry);
            }
        });
        for (var i = services.Count - 1; i >= before; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService))
            {
                services.RemoveAt(i);
            }
        }

        services.AddOptions<DurableTaskOptions>().Configure<FunctionsHostSettings>((options, settings) =>
        {
            options.HubName = settings.DurableTask.HubName;
            options.PartitionCount = settings.DurableTask.PartitionCount;
            options.MaxConcurrentActivities = settings.DurableTask.MaxConcurrentActivityFunctions;
            options.MaxConcurrentBackgroundActivities = settings.DurableTask.MaxConcurrentBackgroundActivityFunctions;
            options.MaxConcurrentOrchestrations = settings.DurableTask.MaxConcurrentOrchestratorFunctions;
            options.MaxDequeueCount = settings.Queues.MaxDequeueCount;
            options.ShutdownGracePeriod = settings.FunctionTimeout;
        });
    }

    /// <summary>
    /// Opens the host's storage (<c>AzureWebJobsStorage</c>) without starting the triggers or the web server, so a
    /// command-line verb can read and write the app's data through <see cref="ITableStore"/> and <see cref="IQueueStore"/>
    /// while the app itself may be running elsewhere. Later calls, and a later start of the host, reuse it.
    /// </summary>
    /// <exception cref="HostConfigurationException">A setting is invalid, or the storage connection is missing or malformed.</exception>
    public static Task OpenFunctionsStorageAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<StorageConnection>().OpenAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the exception handler and authentication middleware, then maps every HTTP function under the route prefix,
    /// the health and readiness endpoints, Durable Functions' management API under <c>/runtime/webhooks/durabletask</c>
    /// (function key) when the app has durable functions, and the OpenAPI document at <c>/openapi/v1.json</c>.
    /// </summary>
    public static WebApplication MapFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<FunctionsHostSettings>();
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var invoker = app.Services.GetRequiredService<FunctionInvoker>();

        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<FunctionRequestValidation>();

        var group = app.MapGroup("/" + settings.RoutePrefix);
        foreach (var function in catalog.Functions.OfType<HttpFunctionDefinition>())
        {
            var endpoint = group.MapMethods(function.Route, [function.Method], function.Handler);
            if (function.BodyType is { } body)
            {
                // What minimal APIs declare for an inferred JSON body: requests are matched by content type, and an
                // unreadable body's problem names its JSON paths against this type.
                endpoint.Accepts(body, function.IsBodyOptional, "application/json");
            }

            if (function.DescribeEndpoint is { } describe)
            {
                endpoint.Add(describe);
            }

            endpoint
                .WithName(function.Name)
                .WithMetadata(function)
                .RequireFunctionAuthorization(function.Authorization)
                .AddEndpointFilter(async (context, next) => await invoker.InvokeAsync(function.Name, TriggerKind.Http, (_, cancellationToken) =>
                {
                    context.HttpContext.RequestAborted = cancellationToken;
                    return next(context).AsTask();
                }, context.HttpContext.RequestAborted).ConfigureAwait(false));
        }

        HealthEndpoints.Map(group);
        if (app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(Microsoft.DurableTask.Client.DurableTaskClient)))
        {
            // The links a starter returns (DurableTaskHttpApi.CreateCheckStatusResponse) lead here. Azure guards these
            // routes with its system key; here any function key opens them.
            app.MapDurableTaskManagement().RequireFunctionAuthorization(FunctionAuthorization.FunctionKey);
        }

        app.MapOpenApi().RequireFunctionAuthorization(FunctionAuthorization.Public);
        return app;
    }
}
