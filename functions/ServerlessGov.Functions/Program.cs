using ServerlessGov.Functions;
using ServerlessGov.Functions.Configuration;
using ServerlessGov.Functions.Health;

var builder = WebApplication.CreateBuilder(args);
builder.AddLocalSettings();
builder.AddApplicationServices();

var app = builder.Build();
app.MapHealthApi();
app.Run();
