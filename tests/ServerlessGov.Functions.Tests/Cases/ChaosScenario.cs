namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>The chaos test's knobs: the workload, the workers, and the faults.</summary>
internal sealed record ChaosScenario(
    int Seed,
    int Residents,
    int Enterprises,
    int Workers,
    int Kills,
    TimeSpan KillWindow,
    double DuplicateShare,
    double BankTimeoutShare);
