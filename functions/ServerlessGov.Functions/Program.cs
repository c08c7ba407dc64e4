using ServerlessGov.Functions;
using ServerlessGov.Functions.Commands;
using ServerlessGov.Functions.Configuration;
using ServerlessGov.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddFunctionsHost(AppFunctions.Declare);
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
await using var app = builder.Build();
app.MapFunctions();

if (AppCommands.IsCommand(args))
{
    return await AppCommands.RunAsync(args, app, Console.Out, Console.Error);
}

await app.RunAsync();
return 0;
