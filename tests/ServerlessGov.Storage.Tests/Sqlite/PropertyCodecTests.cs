using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>How the SQLite adapter lays out an entity's properties on disk.</summary>
public sealed class PropertyCodecTests
{
    [Fact]
    public void AsciiJson_TakesOneByteACharacter()
    {
        var json = "{\"caseInstanceId\":\"case|old-age-allowance|r-0001|2026-12\"}" + new string('x', 10_000);

        var blob = PropertyCodec.Encode([new("Data", json)]);

        Assert.InRange(blob.Length, json.Length, json.Length + 16);
    }

    [Theory]
    [InlineData("免申即享 🙂 O'Brien")]
    [InlineData("half\ud800 and \udc00 alone")]
    [InlineData("")]
    public void Strings_RoundTripExactly(string text)
    {
        var read = new TableEntity("p", "r");

        PropertyCodec.Decode(PropertyCodec.Encode([new("S", text), new("N", 7)]), read);

        Assert.Equal(text, read.GetString("S"));
        Assert.Equal(7, read["N"]);
    }

    [Fact]
    public void RowWrittenWithUtf16Strings_ByEarlierVersions_IsStillRead()
    {
        // Format 1 as first written: name, kind 1 (string), length in UTF-16 code units, the code units.
        const string text = "免申即享 ok";
        var units = MemoryMarshal.AsBytes(text.AsSpan()).ToArray();
        var blob = new List<byte> { 1, 1, (byte)'S', 1 };
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
        blob.AddRange(length);
        blob.AddRange(units);
        var read = new TableEntity("p", "r");

        PropertyCodec.Decode(blob.ToArray(), read);

        Assert.Equal(text, read.GetString("S"));
    }
}
