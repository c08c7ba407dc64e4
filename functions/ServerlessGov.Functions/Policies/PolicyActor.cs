namespace ServerlessGov.Functions.Policies;

/// <summary>Who changes a policy and in which role, as recorded in the audit trail (a staff account id, never a resident's).</summary>
/// <param name="Id">The caller's account id (the token's <c>sub</c>), or <c>system</c> for seeding.</param>
/// <param name="Role">The role the change was made in (<c>policy-author</c>, <c>supervisor</c>, <c>system</c>).</param>
public sealed record PolicyActor(string Id, string Role)
{
    /// <summary>The actor for changes the application makes itself (seeding the sample policies).</summary>
    public static PolicyActor System { get; } = new("system", "system");
}
