using ServerlessGov.Hosting.Configuration;

namespace ServerlessGov.Functions.WebConsole;

/// <summary>A console page address: any path that is not under the API's route prefix nor the OpenAPI document.</summary>
internal sealed class ConsolePageConstraint(FunctionsHostSettings settings) : IRouteConstraint
{
    /// <summary>The constraint's name in route templates.</summary>
    public const string Name = "consolepage";

    private readonly string _prefix = settings.RoutePrefix.Trim('/');

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        var path = values.TryGetValue(routeKey, out var value) ? value?.ToString() ?? "" : "";
        return !IsUnder(path, _prefix) && !IsUnder(path, "openapi");
    }

    private static bool IsUnder(string path, string prefix) =>
        prefix.Length > 0 && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (path.Length == prefix.Length || path[prefix.Length] == '/');
}
