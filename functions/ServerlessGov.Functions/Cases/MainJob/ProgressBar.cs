using System.Globalization;

namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>
/// The main job's live progress: one line redrawn in place on a terminal (evaluation by shards, then cases coming to
/// rest), or a line every few seconds when the output is redirected.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 30;
    private readonly TextWriter _output;
    private readonly bool _inPlace;
    private TimeSpan? _lastLine;

    public ProgressBar(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _inPlace = !Console.IsOutputRedirected;
    }

    /// <summary>Draws the snapshot.</summary>
    public async Task DrawAsync(MainJobSnapshot snapshot, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var evaluation = snapshot.Shards == 0 ? 0d : (double)snapshot.ShardsDone / snapshot.Shards;
        var rested = snapshot.ExpectedCases == 0 ? (snapshot.RunsDone == snapshot.Runs && snapshot.Runs > 0 ? 1d : 0d) : Math.Min(1d, (double)(snapshot.Cases - snapshot.Moving) / snapshot.ExpectedCases);
        var share = (evaluation + rested) / 2;
        var filled = (int)Math.Round(share * Width);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0}  shards {snapshot.ShardsDone}/{snapshot.Shards}  cases {snapshot.Cases - snapshot.Moving}/{snapshot.ExpectedCases}  paid {snapshot.Paid}  review {snapshot.InReview}  {elapsed.TotalSeconds,5:0}s");
        if (_inPlace)
        {
            await _output.WriteAsync("\r" + line).ConfigureAwait(false);
        }
        else if (_lastLine is null || elapsed - _lastLine >= TimeSpan.FromSeconds(5))
        {
            _lastLine = elapsed;
            await _output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the in-place line.</summary>
    public async Task EndAsync()
    {
        if (_inPlace)
        {
            await _output.WriteLineAsync().ConfigureAwait(false);
        }
    }
}
