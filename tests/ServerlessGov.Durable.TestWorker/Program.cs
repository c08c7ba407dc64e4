using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable;
using ServerlessGov.Durable.TestWorker;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

// A durable worker process for the multi-process tests. Args: the store kind ("sqlite", "sqlite-outbox" for SQLite
// through the plain ports only, or "azure"), the SQLite file or Azure connection string, and the hub name. It prints
// "ready" once polling, then "event:NNNN" for each engine log event, and runs until its standard input closes.
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Debug);
builder.Logging.AddProvider(new StdoutEventLogger());
SqliteStorage? sqlite = null;
ITableStore tables;
IQueueStore queues;
if (args[0] == "azure")
{
    var azure = await AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(args[1]));
    (tables, queues) = (azure, azure);
}
else
{
    sqlite = new SqliteStorage(new SqliteStorageOptions { Path = args[1] });
    if (args[0] == "sqlite-outbox")
    {
        var ports = new PortsOnlyStorage(sqlite, sqlite);
        (tables, queues) = (ports, ports);
    }
    else
    {
        (tables, queues) = (sqlite, sqlite);
    }
}

builder.Services.AddSingleton(tables);
builder.Services.AddSingleton(queues);
builder.Services.AddDurableTask(SharedWork.Register, options =>
{
    options.HubName = args[2];
    options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
    options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
});
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
await host.StopAsync();
if (sqlite is not null)
{
    await sqlite.DisposeAsync();
}
