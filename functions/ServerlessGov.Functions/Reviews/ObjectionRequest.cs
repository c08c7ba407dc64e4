namespace ServerlessGov.Functions.Reviews;

/// <summary>A resident's objection (异议) to a decided case, with references to the documents they supply.</summary>
/// <param name="CaseInstanceId">The decided case objected to.</param>
/// <param name="PolicyId">The policy the case was decided under.</param>
/// <param name="PolicyVersion">The version it was decided against.</param>
/// <param name="Statement">Why the resident objects, in their words (identifiers in it are masked).</param>
/// <param name="Documents">References to uploaded documents (at most 20).</param>
public sealed record ObjectionRequest(string CaseInstanceId, string PolicyId, int PolicyVersion, string Statement, IReadOnlyList<string>? Documents);
