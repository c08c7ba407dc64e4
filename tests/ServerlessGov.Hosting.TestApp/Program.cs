using ServerlessGov.Hosting;
using ServerlessGov.Hosting.TestApp;

// A small function app the hosting tests start as real processes (several on one store) to check scale-out behaviour.
var builder = FunctionsApplication.CreateBuilder(args);
builder.AddFunctionsHost(TestFunctions.Declare);
var app = builder.Build();
app.MapFunctions();
await app.RunAsync();
