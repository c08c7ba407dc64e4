namespace ServerlessGov.Functions.Policies;

/// <summary>Why a lifecycle operation was refused, each mapping to one HTTP status.</summary>
public enum PolicyFailure
{
    /// <summary>The policy, draft or version does not exist (404).</summary>
    NotFound,

    /// <summary>The operation contradicts the current state: a draft already exists, a version is already retired (409).</summary>
    Conflict,

    /// <summary>The caller's ETag no longer matches: someone else changed the draft first (412).</summary>
    PreconditionFailed,

    /// <summary>The caller sent no If-Match for a change that needs one (428).</summary>
    PreconditionRequired,
}
