using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Domain.Policies;

namespace ServerlessGov.Functions.Policies.Api;

/// <summary>The policy API's problem details: each names the field (a JSON path or a header) and the rule it broke.</summary>
internal static class PolicyProblems
{
    /// <summary>400 listing every problem: <c>errors</c> maps each JSON path to its messages, <c>problems</c> adds line, column and code.</summary>
    public static ValidationProblem Invalid(PolicyValidationException exception)
    {
        var problems = exception.Errors.Select(PolicyJson.ToProblem).ToList();
        return Invalid(problems);
    }

    public static ValidationProblem Invalid(IReadOnlyList<PolicyProblem> problems)
    {
        var errors = problems
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Code is null ? p.Message : $"{p.Message} [{p.Code}]").ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(
            errors,
            detail: $"The policy document has {problems.Count} problem(s); each names its JSON path (and line and column in a text rule).",
            title: "The policy document is not valid.",
            extensions: new Dictionary<string, object?> { ["problems"] = problems });
    }

    /// <summary>404, 409, 412 or 428 for a refused lifecycle operation.</summary>
    public static ProblemHttpResult Refused(PolicyLifecycleException exception)
    {
        var (status, title, field, rule) = exception.Failure switch
        {
            PolicyFailure.NotFound => (StatusCodes.Status404NotFound, "Not found.", null, null),
            PolicyFailure.Conflict => (StatusCodes.Status409Conflict, "The policy is not in a state that allows this.", null, null),
            PolicyFailure.PreconditionRequired => (StatusCodes.Status428PreconditionRequired, "If-Match is required.", "If-Match", "send the ETag of the draft you read"),
            _ => (StatusCodes.Status412PreconditionFailed, "The draft changed since you read it.", "If-Match", "must equal the draft's current ETag"),
        };
        var extensions = new Dictionary<string, object?>();
        if (field is not null)
        {
            extensions["field"] = field;
            extensions["rule"] = rule;
        }

        return TypedResults.Problem(exception.Message, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>400 for one field of a request that breaks one rule.</summary>
    public static ValidationProblem Field(string field, string rule) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [rule] }, title: "The request is not valid.");
}
