using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>host.json's <c>messageEncoding</c>: base64 by default, or plain XML-escaped text with <c>none</c>.</summary>
public sealed class AzureQueueEncodingTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    private async Task<(IQueue Base64, IQueue Plain)> SameQueueBothWaysAsync()
    {
        var name = UniqueNames.Queue();
        var plainSettings = AzureStorageSettings.FromConnectionString(fixture.Server.ConnectionString) with { MessageEncoding = QueueMessageEncoding.None };
        var plain = (await AzureStorage.CreateAsync(plainSettings)).GetQueue(name);
        var base64 = fixture.Storage.GetQueue(name);
        Assert.True(await base64.CreateIfNotExistsAsync());
        return (base64, plain);
    }

    [Fact]
    public async Task Base64_DefaultEncoding_PutsBase64OnTheWire()
    {
        var (base64, plain) = await SameQueueBothWaysAsync();

        await base64.SendAsync(BinaryData.FromBytes([0x00, 0xFF, 0x10]));

        var raw = Assert.Single(await plain.PeekAsync());
        Assert.Equal("AP8Q", raw.Body.ToString());
    }

    [Fact]
    public async Task None_TextWithXmlSpecialCharacters_RoundTripsExactly()
    {
        var (_, plain) = await SameQueueBothWaysAsync();
        const string text = "<payout id=\"1\">a & b</payout> 'quoted' 免申即享 🙂";

        await plain.SendAsync(BinaryData.FromString(text));

        Assert.Equal(text, Assert.Single(await plain.ReceiveAsync()).Body.ToString());
    }

    [Fact]
    public async Task None_BodyThatIsNotUtf8_IsRejectedBeforeSending()
    {
        var (_, plain) = await SameQueueBothWaysAsync();

        var ex = await Assert.ThrowsAsync<StorageException>(() => plain.SendAsync(BinaryData.FromBytes([0xC3, 0x28])));

        Assert.Equal(StorageErrorKind.InvalidInput, ex.Kind);
        Assert.Equal(0, await plain.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Base64_ReadingAPlainTextMessage_FailsSayingTheEncodingsDiffer()
    {
        var (base64, plain) = await SameQueueBothWaysAsync();
        await plain.SendAsync(BinaryData.FromString("not base64!"));

        var ex = await Assert.ThrowsAsync<StorageException>(() => base64.PeekAsync());

        Assert.Contains("messageEncoding", ex.Message, StringComparison.Ordinal);
    }
}
