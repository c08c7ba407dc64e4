namespace ServerlessGov.Hosting.Health;

/// <summary>Whether the host's triggers are running, for the readiness endpoint.</summary>
internal sealed class FunctionsHostState
{
    private volatile bool _started;
    private volatile bool _stopping;

    /// <summary>True once every listener runs and until shutdown begins.</summary>
    public bool IsReady => _started && !_stopping;

    public void MarkStarted() => _started = true;

    public void MarkStopping() => _stopping = true;
}
