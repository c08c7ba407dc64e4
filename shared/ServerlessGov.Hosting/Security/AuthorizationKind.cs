namespace ServerlessGov.Hosting.Security;

/// <summary>The kinds of caller check an HTTP function can declare.</summary>
public enum AuthorizationKind
{
    Public,
    FunctionKey,
    Roles,
}
