using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// An anonymous HTTP function that says nobody's name: the local runtime refuses to start with it, and the worker's
/// middleware must answer it 500 rather than run it open.
/// </summary>
public static class UndeclaredCallersFunctions
{
    [Function("Undeclared")]
    public static IResult Undeclared([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "undeclared")] HttpRequest request) => TypedResults.Ok();
}
