using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Values;

public class ResidentIdTests
{
    // The weights and check map as printed in GB 11643-1999, written out independently of the implementation.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckMap = "10X98765432";

    private static string WithCheck(string first17) =>
        first17 + CheckMap[first17.Select((c, i) => (c - '0') * Weights[i]).Sum() % 11];

    [Fact]
    public void Parse_StandardExampleWithX_IsValid()
    {
        var id = ResidentId.Parse("11010519491231002X");
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal("110105", id.RegionCode);
    }

    [Theory]
    [InlineData("33010619460301123")]
    [InlineData("44030420000229001")]
    [InlineData("51010719801015765")]
    public void Parse_IndependentlyComputedCheckDigit_IsValid(string first17)
    {
        var full = WithCheck(first17);
        Assert.Equal(full, ResidentId.Parse(full).ToUnmaskedString());
    }

    [Fact]
    public void Parse_WrongCheckDigit_IsRefusedWithoutEchoingTheNumber()
    {
        var valid = WithCheck("33010619460301123");
        var wrong = valid[..17] + (valid[17] == '1' ? '2' : '1');
        var error = Assert.Throws<FormatException>(() => ResidentId.Parse(wrong));
        Assert.DoesNotContain("330106", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ImpossibleBirthDate_IsRefused()
    {
        Assert.Throws<FormatException>(() => ResidentId.Parse(WithCheck("33010619460230123")));
    }

    [Fact]
    public void ToString_AnyId_IsMasked()
    {
        var id = ResidentId.Parse("11010519491231002X");
        Assert.Equal("1101**********002X", id.ToString());
        Assert.Equal("1101**********002X", $"{id}");
    }
}
