using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// What the local runtime checks of a request to one HTTP function before the function runs, for a host that binds
/// the function's arguments itself (the isolated worker): so a request the local runtime refuses is refused there too,
/// with the same problem, before the function sees it.
/// </summary>
/// <remarks>
/// In order: each route value against its <see cref="RouteValueRule"/>; a JSON body against <see cref="JsonBodyCheck"/>;
/// then the arguments read as the local runtime reads them (<see cref="HttpArguments"/>: the body as the function's
/// JSON type with the app's HTTP JSON options, query values parsed). The body so read is returned, so the host can
/// give the function that value rather than read it another way; a buffered body is rewound all the same.
/// </remarks>
public sealed class HttpFunctionRequestCheck
{
    private readonly RoutePattern _pattern;
    private readonly TemplateMatcher _matcher;
    private readonly HttpArguments _arguments;
    private readonly IReadOnlyDictionary<string, RouteValueRule> _rules;

    private HttpFunctionRequestCheck(RoutePattern pattern, HttpArguments arguments, IReadOnlyDictionary<string, RouteValueRule> rules)
    {
        _pattern = pattern;
        _matcher = new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary());
        _arguments = arguments;
        _rules = rules;
    }

    /// <summary>The type of the function's JSON body, when it has one (its fields are named by JSON path in a problem).</summary>
    public Type? BodyType => _arguments.BodyType;

    /// <summary>The checks of the HTTP <c>[Function]</c> <paramref name="method"/> as <paramref name="catalog"/> declares it, its route under <paramref name="routePrefix"/>.</summary>
    /// <exception cref="ArgumentException">The catalog has no HTTP function of the method's name, or the method takes a parameter the local runtime does not bind.</exception>
    public static HttpFunctionRequestCheck For(MethodInfo method, FunctionCatalog catalog, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(routePrefix);
        var name = method.GetCustomAttribute<FunctionAttribute>()?.Name;
        var where = $"{method.DeclaringType?.FullName}.{method.Name} ([Function(\"{name}\")])";
        var function = catalog.Functions.OfType<HttpFunctionDefinition>().SingleOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
            ?? throw new ArgumentException($"{where}: the app's catalog has no HTTP function of this name.", nameof(method));
        var trigger = method.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            ?? throw new ArgumentException($"{where}: the method has no [HttpTrigger] parameter.", nameof(method));
        var route = "/" + string.Join('/', new[] { routePrefix.Trim('/'), function.Route }.Where(s => s.Length > 0));
        return new HttpFunctionRequestCheck(RoutePatternFactory.Parse(route), HttpArguments.For(method, trigger, function.Route, where), catalog.RouteValues);
    }

    /// <summary>
    /// Checks the request; it returns only if the function may run, with the route values on the request and the
    /// function's body as the local runtime reads it (null when it takes none), for the host to give the function.
    /// </summary>
    /// <exception cref="RequestValidationException">A route value breaks its rule, or the JSON body holds a property twice or text that is not valid Unicode.</exception>
    /// <exception cref="BadHttpRequestException">The body is missing, too large, not JSON or not the JSON the function reads, or a query value does not parse.</exception>
    /// <exception cref="InvalidOperationException">The request's path is not the function's route (the host routed it elsewhere).</exception>
    public async Task<object?> CheckAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = new RouteValueDictionary();
        if (!_matcher.TryMatch(context.Request.Path, values))
        {
            throw new InvalidOperationException($"The request's path is not the function's route '{_pattern.RawText}'.");
        }

        context.Request.RouteValues = values;
        await CheckRouteValuesAndBodyAsync(context, _pattern, _rules).ConfigureAwait(false);

        var arguments = await _arguments.BindAsync(context).ConfigureAwait(false);
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
        }

        return _arguments.BodyPosition is { } body ? arguments[body] : null;
    }

    /// <summary>
    /// What both hosts check before binding: each of <paramref name="pattern"/>'s parameters in the request's route values
    /// against its rule, then a JSON body against <see cref="JsonBodyCheck"/>.
    /// </summary>
    /// <exception cref="RequestValidationException">Naming every value that breaks its rule, with the rule (never the value), or the body's first problem.</exception>
    internal static async Task CheckRouteValuesAndBodyAsync(HttpContext context, RoutePattern pattern, IReadOnlyDictionary<string, RouteValueRule> rules)
    {
        var values = context.Request.RouteValues;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var parameter in pattern.Parameters)
        {
            if (values[parameter.Name] is string value && rules[parameter.Name].Check(value) is { } rule)
            {
                errors[parameter.Name] = [rule];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (JsonBodyCheck.IsJson(context.Request.ContentType))
        {
            await JsonBodyCheck.CheckAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
