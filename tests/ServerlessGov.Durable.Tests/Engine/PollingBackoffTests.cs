using ServerlessGov.Durable.Engine;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>Idle polling backs off as the Functions queue listener does: doubling with ±20 % jitter up to a cap, back to the minimum once work is found.</summary>
public sealed class PollingBackoffTests
{
    [Fact]
    public void Next_SuccessiveEmptyPolls_DoubleWithJitterUpToTheMaximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        double[] expected = [100, 200, 400, 800, 1000, 1000, 1000];

        foreach (var nominal in expected)
        {
            Assert.InRange(backoff.Next().TotalMilliseconds, nominal * 0.8, nominal * 1.2);
        }
    }

    [Fact]
    public void Reset_AfterBackingOff_StartsAgainFromTheMinimum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 6; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 80, 120);
    }

    [Fact]
    public void Next_ManyIdleWorkers_SpreadTheirPolls()
    {
        var waits = Enumerable.Range(0, 50)
            .Select(_ => new PollingBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)).Next())
            .ToList();

        Assert.True(waits.Distinct().Count() > 1, "every worker would poll at the same instant");
    }
}
