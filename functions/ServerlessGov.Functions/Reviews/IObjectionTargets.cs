namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// What a resident's objection is about, told by the feature that owns cases (the review feature does not read case
/// state): an objection to a stopped allowance is a reason a policy may mark urgent. Optional: without it, every
/// objection is a plain one.
/// </summary>
public interface IObjectionTargets
{
    /// <summary>True when <paramref name="caseInstanceId"/> names <paramref name="subjectId"/>'s recurring allowance and it has stopped.</summary>
    Task<bool> IsStoppedAllowanceAsync(string caseInstanceId, string subjectId, CancellationToken cancellationToken = default);
}
