// The function app composed exactly as functions/ServerlessGov.Functions/Program.cs composes it, plus the chaos test's
// faults (ChaosFaults), so the chaos test can run it as several real worker processes on one store, kill them and
// see messages delivered twice. The faults live only in this test project: the shipped app has no such hook.
using ServerlessGov.Functions;
using ServerlessGov.Functions.ChaosWorker;
using ServerlessGov.Functions.Configuration;
using ServerlessGov.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddFunctionsHost(AppFunctions.Declare);
builder.UseEmbeddedStorageByDefault();
builder.UseClosedAuthByDefault();
builder.AddApplicationServices();
builder.Services.AddChaosFaults(builder.Configuration);
await using var app = builder.Build();
app.MapFunctions();
await app.RunAsync();
