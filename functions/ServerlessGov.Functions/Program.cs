using Microsoft.Azure.Functions.Worker.Builder;
using ServerlessGov.Functions;
using ServerlessGov.Functions.Commands;
using ServerlessGov.Functions.Configuration;
using ServerlessGov.Functions.WebConsole;
using ServerlessGov.Functions.Worker;
using ServerlessGov.Hosting;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Security;
using AzureFunctionsWorker = Microsoft.Azure.Functions.Worker.Builder.FunctionsApplication;
using LocalRuntime = ServerlessGov.Hosting.FunctionsApplication;

if (FunctionsHostStart.IsWorker(args, Environment.GetEnvironmentVariable))
{
    // Started by the Azure Functions host: the real isolated worker runs the [Function] methods (docs/HOSTING.md).
    var worker = AzureFunctionsWorker.CreateBuilder(args);
    worker.ConfigureFunctionsWebApplication();
    try
    {
        // Who may call each HTTP function, checked as the local runtime checks it (docs/SECURITY.md, decision 0019).
        worker.Services.AddProblemDetails();
        worker.Services.AddBearerTokenAuthentication(worker.Configuration, worker.Environment);

        // Storage, the task hub's client and the features' services (their JSON, enums as names, among them), as the
        // local runtime gives them (docs/HOSTING.md, decision 0020).
        worker.AddWorkerServices(AppContext.BaseDirectory);
    }
    catch (HostConfigurationException ex)
    {
        await Console.Error.WriteLineAsync(ex.Message);
        return 1;
    }

    // All run inside the ASP.NET Core integration's middleware (ConfigureFunctionsWebApplication, above), so the
    // request is there before the function and WorkerHttpResults writes an IResult before the integration looks at
    // the invocation result (it writes only IActionResult; docs/HOSTING.md). Callers are checked before the request.
    worker.UseMiddleware<WorkerHttpResults>();
    worker.UseMiddleware<WorkerAuthorization>();
    worker.UseMiddleware<WorkerRequestValidation>();
    await worker.Build().RunAsync();
    return 0;
}

// Anywhere else (`dotnet run`, tests, the container): the local runtime runs the same assembly.
var builder = LocalRuntime.CreateBuilder(args);
builder.AddFunctionsHost(functions =>
{
    AppFunctions.Declare(functions);
    functions.AddDevelopmentSignInFunctions(builder);
});
builder.UseEmbeddedStorageByDefault();
if (AppCommands.IsCommand(args))
{
    AppCommands.ConfigureHost(args, builder);
}
else
{
    builder.UseClosedAuthByDefault();
}

builder.AddApplicationServices();
try
{
    await using var app = builder.Build();
    app.UseWebConsole();
    app.MapFunctions();
    app.MapWebConsole();
    if (AppCommands.IsCommand(args))
    {
        return await AppCommands.RunAsync(args, app, Console.Out, Console.Error);
    }

    await app.RunAsync();
    return 0;
}
catch (HostConfigurationException ex)
{
    // A setting the host refuses: say which, without a stack trace (every key and its rule is in the message).
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
