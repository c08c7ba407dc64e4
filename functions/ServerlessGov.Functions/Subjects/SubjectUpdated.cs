using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Functions.Subjects;

/// <summary>
/// Sent on <see cref="QueueName"/> after the registry applied a change to a subject's facts, so that only the
/// policies reading <see cref="ChangedFacts"/> are re-evaluated for <see cref="SubjectId"/>.
/// </summary>
public sealed record SubjectUpdated(string SubjectId, SubjectKind Kind, IReadOnlyList<string> ChangedFacts, DateTimeOffset AsOf)
{
    /// <summary>The queue the registry sends these to and the re-evaluation function reads.</summary>
    public const string QueueName = "subject-reevaluations";

    /// <summary>The enterprise matcher's copy, sent for enterprises only (a queue has one consumer).</summary>
    public const string EnterpriseQueueName = "enterprise-profile-changes";
}
