namespace ServerlessGov.Hosting.Configuration;

/// <summary>host.json <c>singleton</c>: the storage lease that lets one host at a time run each timer.</summary>
public sealed record SingletonSettings
{
    /// <summary>How long a timer's lease lasts unless renewed (renewed at a third of it).</summary>
    public TimeSpan ListenerLockPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a host without the lease tries to take it.</summary>
    public TimeSpan ListenerLockRecoveryPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
}
