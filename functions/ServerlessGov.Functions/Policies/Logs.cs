namespace ServerlessGov.Functions.Policies;

/// <summary>The policy lifecycle's log events (ids 6000–6099). Only policy ids, versions and change ids are logged: they name no person.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Policy {PolicyId}: {Action}")]
    public static partial void Changed(ILogger logger, string policyId, string action);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Policy {PolicyId} v{Version} announced on policy-runs")]
    public static partial void Announced(ILogger logger, string policyId, int version);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Policy {PolicyId}: change {ChangeId} is committed but not yet audited or announced; the sweep retries it")]
    public static partial void RelayFailed(ILogger logger, Exception exception, string policyId, string changeId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Relayed {Count} pending policy changes left by an earlier run")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Dry-run of policy {PolicyId} v{Version}: {Subjects} subjects read in {ElapsedMs} ms")]
    public static partial void DryRun(ILogger logger, string policyId, int version, long subjects, long elapsedMs);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Sample policy {PolicyId} published as v{Version}")]
    public static partial void SamplePublished(ILogger logger, string policyId, int version);
}
