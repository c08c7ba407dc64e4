using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Hosting.Tests.Support;

/// <summary>A few HTTP functions covering each kind of caller declaration, for the HTTP and auth tests.</summary>
internal static partial class SampleApi
{
    /// <summary>The rule of the policy id in <c>policies/{id}</c>.</summary>
    public static readonly RouteValueRule PolicyId = RouteValueRule.Matching("id", 64, "a policy id is 1-64 of a-z, 0-9 and '-'", PolicyIdPattern());

    public static void Declare(FunctionsBuilder functions) => functions
        .RouteValue(PolicyId)
        .Http("GetPolicy", "GET", "policies/{id}", (string id) => TypedResults.Ok(new PolicyView(id)), FunctionAuthorization.Roles(FunctionRoles.PolicyAuthor, FunctionRoles.Reviewer))
        .Http("CreatePayment", "POST", "payments", (PaymentRequest request) => request.AmountFen > 0
            ? Results.Created($"/api/payments/{request.Id}", request)
            : throw new RequestValidationException("amountFen", "must be greater than 0"), FunctionAuthorization.Roles(FunctionRoles.Operator))
        .Http("Reindex", "POST", "system/reindex", () => TypedResults.Accepted((string?)null), FunctionAuthorization.FunctionKey)
        .Http("Published", "GET", "published", () => TypedResults.Ok("published"), FunctionAuthorization.Public)
        .Http("Boom", "GET", "boom", string () => throw new InvalidOperationException("secret: Server=db;Password=hunter2"), FunctionAuthorization.Public);

    public sealed record PolicyView(string Id);

    public sealed record PaymentRequest(string Id, long AmountFen);

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyIdPattern();
}
