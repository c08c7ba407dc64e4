using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable;
using ServerlessGov.Durable.TestWorker;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

// A durable worker process for the multi-process tests: args are the SQLite file and the hub name. It prints
// "ready" once polling and runs until its standard input closes.
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
var storage = new SqliteStorage(new SqliteStorageOptions { Path = args[0] });
builder.Services.AddSingleton<ITableStore>(storage);
builder.Services.AddSingleton<IQueueStore>(storage);
builder.Services.AddDurableTask(SharedWork.Register, options =>
{
    options.HubName = args[1];
    options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
    options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
});
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
await host.StopAsync();
await storage.DisposeAsync();
