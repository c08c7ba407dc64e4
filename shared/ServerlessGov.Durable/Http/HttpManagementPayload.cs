namespace ServerlessGov.Durable;

/// <summary>The management links Durable Functions returns when an orchestration starts, so callers can poll and control it (the extension's properties, in its order).</summary>
public sealed record HttpManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string RestartPostUri,
    string SuspendPostUri,
    string ResumePostUri);
