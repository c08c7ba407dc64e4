namespace ServerlessGov.Hosting.Security;

/// <summary>
/// Who may call an HTTP <c>[Function]</c> method: a bearer token holding at least one of these roles
/// (<see cref="FunctionRoles"/>). Its <c>[HttpTrigger]</c> is <c>AuthorizationLevel.Anonymous</c> (the Functions host
/// checks no key); the local runtime reads this attribute and enforces the roles, as <see cref="FunctionAuthorization.Roles"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequireRolesAttribute(params string[] roles) : Attribute
{
    /// <summary>The roles admitted (any one suffices).</summary>
    public IReadOnlyList<string> Roles { get; } = roles;
}
