using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Values;

public class MoneyTests
{
    [Fact]
    public void ToString_ThousandsAndFen_FormatsWithYuanSign()
    {
        Assert.Equal("¥1,234.50", Money.Parse("1234.5").ToString());
        Assert.Equal("-¥0.05", Money.FromFen(-5).ToString());
    }

    [Fact]
    public void Addition_ManySmallAmounts_IsExact()
    {
        var total = Money.Sum(Enumerable.Repeat(Money.Parse("0.10"), 1000));
        Assert.Equal(Money.Parse("100.00"), total);
    }

    [Fact]
    public void FromYuan_FractionOfFen_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Money.FromYuan(0.005m));
        Assert.Throws<FormatException>(() => Money.Parse("1.234"));
    }

    [Theory]
    [InlineData("2.345", RoundingUnit.Fen, RoundingMode.HalfUp, 235)]
    [InlineData("2.345", RoundingUnit.Fen, RoundingMode.HalfEven, 234)]
    [InlineData("2.349", RoundingUnit.Fen, RoundingMode.Down, 234)]
    [InlineData("12.50", RoundingUnit.Yuan, RoundingMode.HalfUp, 1300)]
    [InlineData("12.50", RoundingUnit.Yuan, RoundingMode.HalfEven, 1200)]
    [InlineData("12.99", RoundingUnit.Yuan, RoundingMode.Down, 1200)]
    public void Rounding_Apply_FollowsUnitAndMode(string yuan, RoundingUnit unit, RoundingMode mode, long expectedFen)
    {
        var amount = new Rounding(unit, mode).Apply(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedFen, amount.Fen);
    }
}
