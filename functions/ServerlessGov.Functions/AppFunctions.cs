using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions;

/// <summary>
/// Every function of the app, in one place: the <c>[Function]</c> methods of the assembly, read from their attributes
/// as the Azure Functions host loads them from <c>functions.metadata</c> (docs/decisions/0018), and the rules of their
/// routes' parameters. The host lists them all when it starts.
/// </summary>
public static class AppFunctions
{
    /// <summary>Declares the app's functions on the host's catalog; passed to <c>AddFunctionsHost</c>.</summary>
    public static void Declare(FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
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
