namespace ServerlessGov.Functions.Reviews;

/// <summary>The external-event names review raises on case orchestrations.</summary>
public static class ReviewEvents
{
    /// <summary>Carries a <see cref="ReviewDecision"/>.</summary>
    public const string Decided = "ReviewDecided";
}
