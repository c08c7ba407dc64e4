using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServerlessGov.Serialization;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// The answer to a request ASP.NET Core could not bind: a body that is not the JSON expected names each field by its
/// JSON path and what it must be (<see cref="Serialization.JsonReadErrors"/>), any other binding failure names the
/// parameter without its .NET type. Neither a .NET type name nor a value the caller sent is repeated back.
/// </summary>
internal static partial class BadRequestProblems
{
    /// <summary>The problem for <paramref name="exception"/>; <paramref name="bodyType"/> is the function's JSON body type when it has one.</summary>
    public static ProblemDetails For(BadHttpRequestException exception, Type? bodyType, JsonSerializerOptions options)
    {
        if (exception.InnerException is JsonException json)
        {
            var errors = JsonReadErrors.Describe(json, options, bodyType)
                .GroupBy(e => e.Path, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Rule).ToArray(), StringComparer.Ordinal);
            return new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not the JSON this function reads.",
            };
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "The request could not be read.",
            Detail = ParameterPattern().Replace(ValuePattern().Replace(exception.Message, string.Empty), "'${name}'"),
        };
    }

    // "parameter \"int? limit\"" → 'limit': the parameter's name without its .NET type.
    [GeneratedRegex("\"(?:[^\" ]+ )+(?<name>[^\" ]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();

    // " from \"value\"": the value the caller sent, which may be an identifier, is not repeated.
    [GeneratedRegex(" from \"[^\"]*\"", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();
}
