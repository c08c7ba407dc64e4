namespace ServerlessGov.Durable.Engine;

/// <summary>The points between the steps of an episode or activity where tests inject crashes.</summary>
internal enum EngineStep
{
    Loaded,
    Executed,
    Committed,
    OutboxSent,
    OutboxDeleted,
    MessagesDeleted,
    ActivityExecuted,
    ActivityResultSent,
}
