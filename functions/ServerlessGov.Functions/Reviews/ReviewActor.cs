namespace ServerlessGov.Functions.Reviews;

/// <summary>Who is acting on an item and in which role (staff user id or pseudonymous subject id; <c>system</c> for the engine).</summary>
public sealed record ReviewActor(string Id, string Role)
{
    /// <summary>The engine itself (orchestrations, the sweep, the escalation handler).</summary>
    public static ReviewActor System { get; } = new("system", "system");
}
