using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessGov.Hosting.Security;

/// <summary>
/// Who may call an HTTP <c>[Function]</c> method, read from its attributes the one way both hosts read it: the local
/// runtime (<c>AttributeFunctions</c>) when it declares the function, the isolated worker's authorization middleware
/// when it runs it.
/// </summary>
public static class HttpFunctionCallers
{
    /// <summary>
    /// As the Functions host reads <paramref name="level"/>: <c>Function</c> is a function key
    /// (<see cref="FunctionAuthorization.FunctionKey"/>); <c>Anonymous</c> (no key) needs our attribute saying who:
    /// <see cref="RequireRolesAttribute"/> (a bearer token with one of the roles) or <see cref="PublicFunctionAttribute"/>
    /// (anyone). Null for any other declaration, which neither host runs.
    /// </summary>
    /// <exception cref="ArgumentException">A role named in <see cref="RequireRolesAttribute"/> is not one of <see cref="FunctionRoles.All"/>.</exception>
    public static FunctionAuthorization? Read(MethodInfo method, AuthorizationLevel level)
    {
        ArgumentNullException.ThrowIfNull(method);
        var roles = method.GetCustomAttribute<RequireRolesAttribute>();
        var isPublic = method.GetCustomAttribute<PublicFunctionAttribute>() is not null;
        return (level, roles, isPublic) switch
        {
            (AuthorizationLevel.Function, null, false) => FunctionAuthorization.FunctionKey,
            (AuthorizationLevel.Anonymous, { } required, false) => FunctionAuthorization.Roles([.. required.Roles]),
            (AuthorizationLevel.Anonymous, null, true) => FunctionAuthorization.Public,
            _ => null,
        };
    }
}
