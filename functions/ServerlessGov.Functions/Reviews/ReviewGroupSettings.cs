namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Who works and who stands above a reviewer group on the escalation ladder (staff user ids, configuration
/// <c>Reviews:Groups:{group}</c>). A list left empty falls back to the role's shared inbox, so no step is bound to no one.
/// </summary>
public sealed class ReviewGroupSettings
{
    /// <summary>Told at 50 % and 75 % of the signing deadline, before anyone signed; default the shared inbox of every reviewer (<c>role:reviewer</c>).</summary>
    public IList<string> Reviewers { get; } = [];

    /// <summary>Told at 75 % and at breach; default the shared inbox of every supervisor (<c>role:supervisor</c>).</summary>
    public IList<string> Supervisors { get; } = [];

    /// <summary>Told at breach, with the supervisors; default nobody beyond them.</summary>
    public IList<string> DepartmentHeads { get; } = [];
}
