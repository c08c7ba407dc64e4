using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Hosting.Security;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>An HTTP function with a route value, a query value and a JSON body with an enum: what the worker's request checks look at.</summary>
public static class RequestProbeFunctions
{
    /// <summary>The function's name, as the catalog and the worker's definition give it.</summary>
    public const string Name = "PostProbeReading";

    [Function(Name)]
    [PublicFunction]
    public static IResult Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "probes/{policyId}")] HttpRequest request, string policyId, int? limit, [FromBody] ProbeReading reading) =>
        TypedResults.Ok(reading);
}
