using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// The problem details a request the function cannot take is answered with, in either host: 400 naming each field
/// and its rule for a <see cref="RequestValidationException"/>, and for a request that could not be read
/// (<see cref="BadHttpRequestException"/>) its status with the fields by JSON path (<see cref="BadRequestProblems"/>).
/// </summary>
public static class RequestProblems
{
    /// <summary>The problem for <paramref name="exception"/>, or null when it is not about the request (the invocation failed).</summary>
    /// <param name="exception">What the checks or the function threw.</param>
    /// <param name="bodyType">The function's JSON body type when it has one, so fields are named by their JSON path.</param>
    /// <param name="options">The JSON options the body is read with.</param>
    public static ProblemDetails? For(Exception exception, Type? bodyType, JsonSerializerOptions options) => exception switch
    {
        RequestValidationException validation => new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
        },
        BadHttpRequestException badRequest => BadRequestProblems.For(badRequest, bodyType, options),
        _ => null,
    };
}
