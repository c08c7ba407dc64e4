using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>The app's declared functions and the rules of their route parameters, as registered by <c>AddFunctionsHost</c>.</summary>
public sealed class FunctionCatalog
{
    /// <summary>Creates the catalog; every route parameter of every HTTP function must have a rule.</summary>
    /// <exception cref="ArgumentException">An HTTP function's route has a parameter without a rule.</exception>
    public FunctionCatalog(IReadOnlyList<FunctionDefinition> functions, IReadOnlyDictionary<string, RouteValueRule>? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        routeValues ??= new Dictionary<string, RouteValueRule>();
        var missing = functions.OfType<HttpFunctionDefinition>()
            .SelectMany(f => RoutePatternFactory.Parse(f.Route).Parameters.Select(p => (Function: f.Name, Parameter: p.Name)))
            .Where(p => !routeValues.ContainsKey(p.Parameter))
            .Select(p => $"'{{{p.Parameter}}}' of {p.Function}")
            .ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"Every route parameter needs a rule (FunctionsBuilder.RouteValue) so that identifiers in URLs are checked before a function runs; missing: {string.Join(", ", missing)}.",
                nameof(routeValues));
        }

        Functions = functions;
        RouteValues = routeValues;
    }

    /// <summary>Every function that runs, in declaration order.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; }

    /// <summary>The rule of each route parameter name.</summary>
    public IReadOnlyDictionary<string, RouteValueRule> RouteValues { get; }

    /// <summary>The functions declared but switched off by <c>AzureWebJobs.&lt;name&gt;.Disabled</c>: not mapped, not listened to.</summary>
    public IReadOnlyList<string> Disabled { get; private init; } = [];

    /// <summary>
    /// The catalog without the HTTP, queue and timer functions that configuration switches off, as Azure Functions
    /// does: <c>AzureWebJobs.&lt;name&gt;.Disabled</c> (or <c>AzureWebJobs__&lt;name&gt;__Disabled</c>) is <c>true</c>.
    /// Orchestrations and activities always stay (in-flight instances need them).
    /// </summary>
    public FunctionCatalog WithoutDisabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var disabled = Functions
            .Where(f => f.Trigger is TriggerKind.Http or TriggerKind.Queue or TriggerKind.Timer && IsDisabled(configuration, f.Name))
            .ToList();
        return new FunctionCatalog(Functions.Except(disabled).ToList(), RouteValues) { Disabled = disabled.Select(f => f.Name).ToList() };
    }

    private static bool IsDisabled(IConfiguration configuration, string name) =>
        bool.TryParse(configuration[$"AzureWebJobs.{name}.Disabled"] ?? configuration[$"AzureWebJobs:{name}:Disabled"], out var disabled) && disabled;
}
