using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>
/// What our adapter writes, Microsoft's JavaScript SDKs (<c>@azure/data-tables</c>, <c>@azure/storage-queue</c>)
/// read, and the other way round: every property type, unicode, values at the size limits, batches and messages.
/// The JavaScript side is <c>tools/azurite/interop/interop.js</c>.
/// </summary>
public sealed class AzureSdkInteropTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    private const string Unicode = "O'Brien \"quoted\" <xml> & 免申即享 🙂";

    private static readonly DateTimeOffset When = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);
    private static readonly Guid Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    private static readonly string BigText = string.Concat(Enumerable.Repeat("免申即享🙂", 5461)) + "ab";
    private static readonly string BigTextFromJavaScript = string.Concat(Enumerable.Repeat("免申即享", 8192));

    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(((i * 31) + 7) % 256)).ToArray();

    [Fact]
    public async Task Entities_WrittenByUs_AreReadByTheJavaScriptSdkWithTheirTypes()
    {
        var table = fixture.Storage.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();
        await table.AddAsync(new TableEntity("dotnet", "typed")
        {
            ["Text"] = Unicode,
            ["Int32"] = int.MinValue,
            ["Int64"] = long.MinValue,
            ["Double"] = 0.1,
            ["Infinite"] = double.NegativeInfinity,
            ["Flag"] = true,
            ["When"] = When,
            ["Id"] = Id,
            ["Bytes"] = Pattern(256),
        });
        await table.AddAsync(new TableEntity("dotnet", "large") { ["BigText"] = BigText, ["BigBytes"] = Pattern(TableRules.MaxPropertyBytes) });
        await table.SubmitTransactionAsync(Enumerable.Range(0, TableRules.MaxBatchOperations)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("dotnet-batch", i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i }))
            .ToList());

        using var output = await RunInteropAsync("read-entities", table.Name);

        var entities = output.RootElement.GetProperty("entities");
        var typed = entities.GetProperty("typed");
        AssertTyped(typed, "Text", Unicode, "String");
        AssertTyped(typed, "Int32", "-2147483648", "Int32");
        AssertTyped(typed, "Int64", "-9223372036854775808", "Int64");
        AssertTyped(typed, "Double", "0.1", "Double");
        AssertTyped(typed, "Infinite", "-Infinity", "Double");
        AssertTyped(typed, "Flag", "true", "Boolean");
        AssertTyped(typed, "When", "2026-11-23T09:30:00.1234567Z", "DateTime");
        AssertTyped(typed, "Id", Id.ToString(), "Guid");
        AssertTyped(typed, "Bytes", Convert.ToBase64String(Pattern(256)), "Binary");
        var large = entities.GetProperty("large");
        AssertTyped(large, "BigText", BigText, "String");
        AssertTyped(large, "BigBytes", Convert.ToBase64String(Pattern(TableRules.MaxPropertyBytes)), "Binary");
        Assert.Equal(TableRules.MaxBatchOperations, output.RootElement.GetProperty("batchCount").GetInt32());
    }

    [Fact]
    public async Task Entities_WrittenByTheJavaScriptSdk_AreReadByUsWithTheirTypes()
    {
        var name = UniqueNames.Table();
        using (await RunInteropAsync("write-entities", name))
        {
        }

        var table = fixture.Storage.GetTable(name);
        var typed = await table.GetAsync("js", "typed");
        Assert.NotNull(typed);
        Assert.Equal(Unicode, typed.GetString("Text"));
        Assert.Equal(int.MinValue, typed["Int32"]);
        Assert.Equal(long.MinValue, typed["Int64"]);
        Assert.Equal(0.1, typed["Double"]);
        Assert.Equal(3.0, typed["WholeDouble"]);
        Assert.Equal(true, typed["Flag"]);
        Assert.Equal(When, typed["When"]);
        Assert.Equal(Id, typed["Id"]);
        Assert.Equal(Pattern(256), typed.GetBinary("Bytes"));
        var large = await table.GetAsync("js", "large");
        Assert.NotNull(large);
        Assert.Equal(BigTextFromJavaScript, large.GetString("BigText"));
        Assert.Equal(Pattern(TableRules.MaxPropertyBytes), large.GetBinary("BigBytes"));
        var batch = await table.QueryAllAsync(TableQuery.InPartition("js-batch")).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 100), batch.Select(e => e.GetInt32("N")!.Value));
    }

    [Fact]
    public async Task Messages_SentByUs_AreReadByTheJavaScriptSdkAsBase64()
    {
        var queue = fixture.Storage.GetQueue(UniqueNames.Queue());
        await queue.CreateIfNotExistsAsync();
        BinaryData[] bodies = [BinaryData.FromString("免申即享 payout 🙂"), BinaryData.FromBytes(Pattern(QueueRules.MaxMessageBytes))];
        foreach (var body in bodies)
        {
            await queue.SendAsync(body, timeToLive: QueueRules.NoExpiry);
        }

        using var output = await RunInteropAsync("receive-messages", queue.Name);

        var texts = output.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageText").GetString()).ToList();
        Assert.Equal(bodies.Select(b => Convert.ToBase64String(b.ToArray())), texts);
    }

    [Fact]
    public async Task Messages_SentByTheJavaScriptSdk_AreReadByUs()
    {
        var name = UniqueNames.Queue();
        using (await RunInteropAsync("send-messages", name))
        {
        }

        var received = await fixture.Storage.GetQueue(name).ReceiveAsync(QueueRules.MaxMessagesPerReceive);

        Assert.Equal(
            [Encoding.UTF8.GetBytes("免申即享 payout 🙂"), Encoding.UTF8.GetBytes(new string('x', 48 * 1024)), Pattern(48 * 1024)],
            received.Select(m => m.Body.ToArray()));
    }

    private static void AssertTyped(JsonElement entity, string property, string value, string type)
    {
        var element = entity.GetProperty(property);
        Assert.Equal(type, element.GetProperty("type").GetString());
        Assert.Equal(value, element.GetProperty("value").GetString());
    }

    private async Task<JsonDocument> RunInteropAsync(string command, string name)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = AzuriteServer.ToolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AzuriteServer.ToolsDirectory, "interop", "interop.js"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(fixture.Server.ConnectionString);
        start.ArgumentList.Add(name);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"interop.js {command} failed ({process.ExitCode}): {await stderr}");
        return JsonDocument.Parse(await stdout);
    }
}
