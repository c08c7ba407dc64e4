namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Replayed orchestrator code asked for a different step than history recorded: the code changed under a running
/// instance, or it reads something non-deterministic. The instance fails with this message.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException(string orchestratorName, int step, string expected, string actual)
        : base($"Non-deterministic orchestrator '{orchestratorName}': at step {step} history recorded {expected}, but the code now does {actual}. " +
            "Orchestrator code must make the same calls in the same order on every replay; deploy changed logic under a new orchestrator name.")
    {
        OrchestratorName = orchestratorName;
        Step = step;
        Expected = expected;
        Actual = actual;
    }

    public NonDeterministicOrchestrationException()
        : this("unknown", -1, "unknown", "unknown")
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
        OrchestratorName = "unknown";
        Expected = Actual = "unknown";
        Step = -1;
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
        OrchestratorName = "unknown";
        Expected = Actual = "unknown";
        Step = -1;
    }

    /// <summary>The orchestrator whose code diverged.</summary>
    public string OrchestratorName { get; }

    /// <summary>The step (sequence number) where it diverged.</summary>
    public int Step { get; }

    /// <summary>What history recorded at that step.</summary>
    public string Expected { get; }

    /// <summary>What the code did instead.</summary>
    public string Actual { get; }
}
