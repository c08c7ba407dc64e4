namespace ServerlessGov.Hosting.Catalog;

/// <summary>What starts a function, as listed by the host at start.</summary>
public enum TriggerKind
{
    Http,
    Queue,
    Timer,
    Orchestration,
    Activity,
}
