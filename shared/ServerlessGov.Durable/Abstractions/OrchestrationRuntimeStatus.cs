namespace ServerlessGov.Durable;

/// <summary>Where an orchestration instance is in its life, as Durable Functions names it.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled; no episode has run yet.</summary>
    Pending,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Ended by an unhandled error (its details are kept).</summary>
    Failed,

    /// <summary>Ended on request.</summary>
    Terminated,

    /// <summary>Paused on request; events received meanwhile are kept and delivered on resume.</summary>
    Suspended,

    /// <summary>Restarting with a fresh history; becomes Running once its next execution begins.</summary>
    ContinuedAsNew,
}
