namespace ServerlessGov.Functions.Reviews;

/// <summary>Who stands above a reviewer group on the escalation ladder (staff user ids).</summary>
public sealed class ReviewGroupSettings
{
    /// <summary>Told at 75 % and at breach; default <c>supervisor:{group}</c>, the group's supervisor inbox.</summary>
    public string? Supervisor { get; set; }

    /// <summary>Told at breach; default <c>head:{department}</c>.</summary>
    public string? DepartmentHead { get; set; }
}
