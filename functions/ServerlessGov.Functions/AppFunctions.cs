using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Operations;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions;

/// <summary>
/// Every function of the app, in one place: each feature not yet converted to <c>[Function]</c> methods adds one line
/// naming its declarations (<c>functions.AddCaseFunctions()</c>); the <c>[Function]</c> methods of the assembly
/// are read from their attributes (docs/decisions/0018). The host lists them all when it starts.
/// </summary>
public static class AppFunctions
{
    /// <summary>Declares the app's functions on the host's catalog; passed to <c>AddFunctionsHost</c>.</summary>
    public static void Declare(FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        functions.AddReviewFunctions();
        functions.AddCaseFunctions();
        // The [Function] methods (isolated-worker attributes), as the Azure Functions host loads them from functions.metadata,
        // and the rules of their routes' parameters (a FunctionsBuilder feature declares its own with its functions).
        functions.RouteValue(AppRouteValues.PolicyId);
        functions.RouteValue(AppRouteValues.Version);
        functions.RouteValue(AppRouteValues.IdempotencyKey);
        functions.RouteValue(AppRouteValues.InboxEntryId);
        functions.RouteValue(AppRouteValues.ImportId);
        functions.RouteValue(AppRouteValues.SubjectId);
        functions.RouteValue(AppRouteValues.Period);
        functions.RouteValue(AppRouteValues.ReviewId);
        functions.RouteValue(AppRouteValues.EnterpriseId);
        functions.RouteValue(AppRouteValues.EventId);
        functions.RouteValue(AppRouteValues.Category);
        functions.AddFunctionsFrom(typeof(AppFunctions).Assembly);
    }
}
