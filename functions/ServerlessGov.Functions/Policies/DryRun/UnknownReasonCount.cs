namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>One bar of the histogram of why cases are unknown.</summary>
/// <param name="Fact">The fact (or parameter) a reviewer must confirm.</param>
/// <param name="Reason"><c>missing</c>, <c>stale</c>, <c>conflicting</c>, <c>nonAuthoritative</c>, <c>missingParameter</c> or <c>undefined</c>.</param>
/// <param name="Source">The source whose value was stale, conflicting or not authoritative; null when the fact is missing.</param>
/// <param name="AuthoritativeSources">The sources the dictionary accepts for the fact, i.e. where to get it from.</param>
/// <param name="Cases">How many review cases name this reason.</param>
public sealed record UnknownReasonCount(string Fact, string Reason, string? Source, IReadOnlyList<string> AuthoritativeSources, long Cases)
{
    /// <summary>
    /// When the value in question is an absence from a complete extract (a stale extract, or one another source
    /// contradicts): <c>absent from cdpf extract of 2025-10-01 covering 桐庐县</c>.
    /// </summary>
    public string? AbsentFrom { get; init; }
}
