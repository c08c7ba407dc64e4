namespace ServerlessGov.Hosting.Queues;

/// <summary>
/// How long an idle queue listener waits before polling again: from 100 ms, doubling on each empty poll with ±20 %
/// jitter (so many hosts do not poll in step), capped at maxPollingInterval; reset when a message arrives.
/// </summary>
internal sealed class PollingBackoff
{
    /// <summary>The first wait after an empty poll.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _emptyPolls;

    public PollingBackoff(TimeSpan max, Random? random = null)
    {
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>The wait after one more empty poll.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_emptyPolls, 30);
        _emptyPolls++;
        var baseMs = Initial.TotalMilliseconds * Math.Pow(2, exponent);
        var jittered = baseMs * (0.8 + (_random.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _max.TotalMilliseconds));
    }

    /// <summary>A message arrived: the next wait starts from 100 ms again.</summary>
    public void Reset() => _emptyPolls = 0;
}
