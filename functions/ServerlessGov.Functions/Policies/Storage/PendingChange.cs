using ServerlessGov.Functions.Audit;

namespace ServerlessGov.Functions.Policies.Storage;

/// <summary>
/// A change committed in the same batch as the policy state it describes, waiting to be written to the audit trail
/// and, for a publish, announced on <see cref="PolicyPublished.QueueName"/>. It is deleted once both are done.
/// </summary>
internal sealed record PendingChange(string PolicyId, string ChangeId, AuditEntry Entry, int? AnnouncedVersion, DateTimeOffset At);
