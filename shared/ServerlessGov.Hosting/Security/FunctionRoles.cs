namespace ServerlessGov.Hosting.Security;

/// <summary>The roles a caller's token can carry (the <c>roles</c> claim); an endpoint names the ones it admits.</summary>
/// <remarks>The browser console compiles this same file (it cannot reference this assembly), as an internal type of its own.</remarks>
#if SERVERLESSGOV_CONSOLE
internal static class FunctionRoles
#else
public static class FunctionRoles
#endif
{
    public const string PolicyAuthor = "policy-author";
    public const string Reviewer = "reviewer";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Operator = "operator";
    public const string Resident = "resident";
    public const string Enterprise = "enterprise";

    /// <summary>Every role, so a typo in a declaration is caught when the function is declared.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PolicyAuthor, Reviewer, Supervisor, Auditor, Operator, Resident, Enterprise,
    };
}
