using ServerlessGov.Hosting.Security;

namespace ServerlessGov.WebConsole.SignIn;

/// <summary>
/// How the console presents the API's roles (<see cref="FunctionRoles"/>, compiled into the console from the Hosting
/// library's own file, since the browser cannot reference the server's assemblies): the order the sign-in page offers
/// them and the claim that carries them.
/// </summary>
public static class ConsoleRoles
{
    /// <summary>Every role, in the order the sign-in page offers them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [FunctionRoles.PolicyAuthor, FunctionRoles.Reviewer, FunctionRoles.Supervisor, FunctionRoles.Resident, FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor];

    /// <summary>The claim type of roles in the API's tokens and in Entra ID's.</summary>
    public const string ClaimType = "roles";
}
