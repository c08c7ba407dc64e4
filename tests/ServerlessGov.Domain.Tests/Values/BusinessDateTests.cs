using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Values;

public class BusinessDateTests
{
    [Fact]
    public void FromInstant_LateEveningUtc_IsNextDayInShanghai()
    {
        var instant = new DateTimeOffset(2026, 2, 28, 16, 30, 0, TimeSpan.Zero);
        Assert.Equal(new BusinessDate(2026, 3, 1), BusinessDate.FromInstant(instant));
    }

    [Fact]
    public void StartUtc_ShanghaiMidnight_IsSixteenHundredUtcTheDayBefore()
    {
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), new BusinessDate(2026, 3, 1).StartUtc);
    }

    [Fact]
    public void Today_FromTimeProvider_UsesShanghaiDate()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal("2027-01-01", BusinessDate.Today(clock).ToString());
    }

    [Fact]
    public void Parse_NotADate_Throws()
    {
        Assert.Throws<FormatException>(() => BusinessDate.Parse("2026-02-30"));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
