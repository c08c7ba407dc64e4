using System.Globalization;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

// Opens the store and warms up, prints "ready", waits for a line on standard input, then works, so a test can start
// several probes and release them together. Usage:
//   increment <database> <table> <times>   read-modify-write a counter entity with ETag retries, <times> times
//   receive <database> <queue>             receive (3 at a time, 5 ms of work each) until the queue looks empty; print each body
if (args is not ["increment", _, _, _] and not ["receive", _, _])
{
    await Console.Error.WriteLineAsync("usage: increment <database> <table> <times> | receive <database> <queue>");
    return 2;
}

await using var store = new SqliteStorage(new SqliteStorageOptions { Path = args[1] });
if (args[0] == "increment")
{
    var table = store.GetTable(args[2]);
    var times = int.Parse(args[3], CultureInfo.InvariantCulture);
    await table.GetAsync("counter", "c");
    await WaitForGoAsync();
    for (var done = 0; done < times;)
    {
        var counter = await table.GetAsync("counter", "c") ?? throw new InvalidOperationException("No counter entity.");
        try
        {
            await table.UpdateAsync(new TableEntity("counter", "c") { ["Value"] = counter.GetInt64("Value")!.Value + 1 }, counter.ETag);
            done++;
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
        {
            // Another writer won this round; read again and retry.
        }
    }

    return 0;
}

var queue = store.GetQueue(args[2]);
await queue.PeekAsync();
await WaitForGoAsync();
while (await queue.ReceiveAsync(3, TimeSpan.FromMinutes(5)) is { Count: > 0 } batch)
{
    foreach (var message in batch)
    {
        Console.WriteLine(message.Body.ToString());
    }

    await Task.Delay(TimeSpan.FromMilliseconds(5));
}

return 0;

static async Task WaitForGoAsync()
{
    Console.WriteLine("ready");
    await Console.In.ReadLineAsync();
}
