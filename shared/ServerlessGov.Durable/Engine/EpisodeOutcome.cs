namespace ServerlessGov.Durable.Engine;

/// <summary>How an episode ended for the messages that triggered it.</summary>
internal enum EpisodeOutcome
{
    /// <summary>Committed (or nothing to do): delete the messages.</summary>
    Done,

    /// <summary>Committed together with the deletion of its messages (a transactional store): nothing left to delete.</summary>
    DoneAndDeleted,

    /// <summary>Another worker kept committing first: hand the messages back for a later try.</summary>
    Contended,

    /// <summary>Another worker committed an outbox it may still be sending: try again once that outbox is old enough to take over.</summary>
    Deferred,
}
