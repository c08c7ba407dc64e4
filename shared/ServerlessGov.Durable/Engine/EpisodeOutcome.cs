namespace ServerlessGov.Durable.Engine;

/// <summary>How an episode ended for the messages that triggered it.</summary>
internal enum EpisodeOutcome
{
    /// <summary>Committed (or nothing to do): delete the messages.</summary>
    Done,

    /// <summary>Another worker kept committing first: hand the messages back for a later try.</summary>
    Contended,
}
