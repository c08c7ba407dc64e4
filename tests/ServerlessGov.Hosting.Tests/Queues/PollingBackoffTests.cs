using ServerlessGov.Hosting.Queues;

namespace ServerlessGov.Hosting.Tests.Queues;

public sealed class PollingBackoffTests
{
    [Fact]
    public void PollingBackoff_EmptyPolls_GrowFrom100MillisecondsDoublingWithJitterUpToTheCap()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(5), new Random(42));

        var waits = Enumerable.Range(0, 10).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        for (var i = 0; i < waits.Length; i++)
        {
            var expected = Math.Min(100 * Math.Pow(2, i), 5000);
            Assert.InRange(waits[i], Math.Min(expected * 0.8, 5000), Math.Min(expected * 1.2, 5000));
        }

        Assert.Equal(5000, waits[^1]);
    }

    [Fact]
    public void PollingBackoff_AfterAMessage_StartsAgainFrom100Milliseconds()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(7));
        for (var i = 0; i < 8; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 80, 120);
    }

    [Fact]
    public void PollingBackoff_TwoHosts_DoNotPollInStep()
    {
        var first = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(1));
        var second = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(2));

        var same = Enumerable.Range(0, 6).Count(_ => first.Next() == second.Next());

        Assert.True(same < 6);
    }
}
