namespace ServerlessGov.Functions.Policies;

/// <summary>One thing wrong with a policy document: where (JSON path, and line/column in a text rule), which rule of the language, and what.</summary>
/// <param name="Path">The JSON path, e.g. <c>$.rule</c> or <c>$.testCases[1]</c>.</param>
/// <param name="Line">For a text rule, the line of the problem.</param>
/// <param name="Column">For a text rule, the column of the problem.</param>
/// <param name="Code">A stable code for rule errors (<c>unknown_fact</c>, <c>syntax</c>, …); null for document errors.</param>
/// <param name="Message">What is wrong, for the policy author.</param>
/// <param name="EndLine">For a text rule, the line where the offending text ends.</param>
/// <param name="EndColumn">For a text rule, the column just past the offending text: with <paramref name="Line"/> and <paramref name="Column"/>, its exact span.</param>
public sealed record PolicyProblem(string Path, int? Line, int? Column, string? Code, string Message, int? EndLine = null, int? EndColumn = null);
