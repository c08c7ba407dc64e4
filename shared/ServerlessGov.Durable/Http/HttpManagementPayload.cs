namespace ServerlessGov.Durable;

/// <summary>The management links Durable Functions returns when an orchestration starts, so callers can poll and control it.</summary>
public sealed record HttpManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri);
