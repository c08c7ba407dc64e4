using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Values;

public class UnifiedSocialCreditCodeTests
{
    // GB 32100-2015 table of weights (3^(i-1) mod 31), written out independently of the implementation.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private const string Chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static string WithCheck(string first17)
    {
        var sum = first17.Select((c, i) => Chars.IndexOf(c, StringComparison.Ordinal) * Weights[i]).Sum();
        return first17 + Chars[(31 - (sum % 31)) % 31];
    }

    [Fact]
    public void Parse_PublishedExample_IsValid()
    {
        var code = UnifiedSocialCreditCode.Parse("91350100M000100Y43");
        Assert.Equal("350100", code.RegionCode);
    }

    [Theory]
    [InlineData("91330106MA27XL0A0")]
    [InlineData("12100000400000001")]
    [InlineData("52330110MJ8765432")]
    public void Parse_IndependentlyComputedCheck_IsValid(string first17)
    {
        Assert.True(UnifiedSocialCreditCode.TryParse(WithCheck(first17), out _));
    }

    [Fact]
    public void Parse_ForbiddenLetterOrWrongCheck_IsRefused()
    {
        var valid = WithCheck("91330106MA27XL0A0");
        Assert.Throws<FormatException>(() => UnifiedSocialCreditCode.Parse(valid[..17] + (valid[17] == '1' ? '2' : '1')));
        Assert.Throws<FormatException>(() => UnifiedSocialCreditCode.Parse("91330106MA27XL0AO1"));
    }

    [Fact]
    public void ToString_AnyCode_IsMasked()
    {
        Assert.Equal("9135**********0Y43", UnifiedSocialCreditCode.Parse("91350100M000100Y43").ToString());
    }
}
