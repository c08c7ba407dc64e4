using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkerFromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>
/// Binds the parameters of an HTTP <c>[Function]</c> method from a request as the isolated worker's ASP.NET Core
/// integration does: the trigger's <see cref="HttpRequest"/>; a parameter named like a route parameter from the route
/// value (a string, or a parsable value such as <c>int</c>); a <c>[FromBody]</c> parameter from the JSON body; any other string or nullable parsable parameter from the
/// query value of its name (the host's binding data holds the query string's values); the invocation's
/// <see cref="CancellationToken"/>. A value that cannot be read is the same 400 or 415 minimal APIs give.
/// </summary>
internal sealed class HttpArguments
{
    private readonly Func<HttpContext, ValueTask<object?>>[] _binders;

    private HttpArguments(Func<HttpContext, ValueTask<object?>>[] binders, Type? bodyType, bool isBodyOptional, int? bodyPosition)
    {
        _binders = binders;
        BodyType = bodyType;
        IsBodyOptional = isBodyOptional;
        BodyPosition = bodyPosition;
    }

    /// <summary>The type of the <c>[FromBody]</c> parameter, when there is one.</summary>
    public Type? BodyType { get; }

    /// <summary>Whether the body may be missing (its parameter is nullable).</summary>
    public bool IsBodyOptional { get; }

    /// <summary>The position of the <c>[FromBody]</c> parameter among the arguments, when there is one.</summary>
    public int? BodyPosition { get; }

    /// <summary>How to bind each parameter of <paramref name="method"/>, whose trigger is <paramref name="trigger"/> on <paramref name="route"/>.</summary>
    /// <exception cref="ArgumentException">A parameter is of a kind the local runtime does not bind; the message names it and <paramref name="where"/>.</exception>
    public static HttpArguments For(MethodInfo method, ParameterInfo trigger, string route, string where)
    {
        if (trigger.ParameterType != typeof(HttpRequest))
        {
            throw new ArgumentException($"{where}: an [HttpTrigger] parameter is an HttpRequest (the ASP.NET Core integration).", nameof(trigger));
        }

        var routeParameters = RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var nullability = new NullabilityInfoContext();
        Type? bodyType = null;
        int? bodyPosition = null;
        var isBodyOptional = false;
        var binders = new List<Func<HttpContext, ValueTask<object?>>>();
        foreach (var parameter in method.GetParameters())
        {
            var name = parameter.Name!;
            var type = parameter.ParameterType;
            if (parameter.Position == trigger.Position)
            {
                binders.Add(context => ValueTask.FromResult<object?>(context.Request));
            }
            else if (type == typeof(CancellationToken))
            {
                binders.Add(context => ValueTask.FromResult<object?>(context.RequestAborted));
            }
            else if (parameter.GetCustomAttribute<WorkerFromBodyAttribute>() is not null)
            {
                if (bodyType is not null)
                {
                    throw new ArgumentException($"{where}: only one parameter can be [FromBody].", nameof(method));
                }

                bodyType = type;
                bodyPosition = parameter.Position;
                isBodyOptional = Nullable.GetUnderlyingType(type) is not null || nullability.Create(parameter).ReadState == NullabilityState.Nullable;
                binders.Add(Body(name, type, isBodyOptional));
            }
            else if (type == typeof(string) && routeParameters.Contains(name))
            {
                binders.Add(context => ValueTask.FromResult(context.Request.RouteValues[name]));
            }
            else if (routeParameters.Contains(name) && type.IsValueType && Parser(Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type) is { } parseRoute)
            {
                binders.Add(RouteValue(name, type, parseRoute));
            }
            else if (type == typeof(string) || Parser(type) is not null)
            {
                binders.Add(Query(name, type));
            }
            else
            {
                throw new ArgumentException(
                    $"{where}: the local runtime cannot bind '{name}' ({type.Name}): an HTTP function takes its HttpRequest, route values and query values (string or nullable), one [FromBody] parameter and a CancellationToken; take services in the constructor.",
                    nameof(method));
            }
        }

        return new HttpArguments([.. binders], bodyType, isBodyOptional, bodyPosition);
    }

    /// <summary>The arguments for one call, in the method's parameter order.</summary>
    /// <exception cref="BadHttpRequestException">The body is not JSON, not the JSON expected, or missing; a query value does not parse.</exception>
    public async ValueTask<object?[]> BindAsync(HttpContext context)
    {
        var arguments = new object?[_binders.Length];
        for (var i = 0; i < _binders.Length; i++)
        {
            arguments[i] = await _binders[i](context).ConfigureAwait(false);
        }

        return arguments;
    }

    private static Func<HttpContext, ValueTask<object?>> Body(string name, Type type, bool isOptional) => async context =>
    {
        var request = context.Request;
        object? value = null;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            if (!request.HasJsonContentType())
            {
                throw new BadHttpRequestException($"Expected a supported JSON media type but got \"{request.ContentType}\".", StatusCodes.Status415UnsupportedMediaType);
            }

            var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            try
            {
                value = await request.ReadFromJsonAsync(type, options, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new BadHttpRequestException($"Failed to read parameter \"{type.Name} {name}\" from the request body as JSON.", ex);
            }
        }

        return value is null && !isOptional
            ? throw new BadHttpRequestException($"Required parameter \"{type.Name} {name}\" was not provided from body.")
            : value;
    };

    /// <summary>A route value read as <paramref name="type"/> (e.g. <c>int</c> under <c>{version:int}</c>), as the worker converts the trigger's binding data.</summary>
    private static Func<HttpContext, ValueTask<object?>> RouteValue(string name, Type type, Func<string, object?> parse) => context =>
    {
        var text = Convert.ToString(context.Request.RouteValues[name], System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.FromResult<object?>(text is { Length: > 0 } && parse(text) is { } value
            ? value
            : throw new BadHttpRequestException($"Failed to bind parameter \"{type.Name} {name}\" from the route."));
    };

    private static Func<HttpContext, ValueTask<object?>> Query(string name, Type type)
    {
        var parse = Parser(type);
        return context =>
        {
            if (!context.Request.Query.TryGetValue(name, out var values))
            {
                return ValueTask.FromResult<object?>(null);
            }

            var text = values.ToString();
            if (parse is null)
            {
                return ValueTask.FromResult<object?>(text);
            }

            if (string.IsNullOrEmpty(text))
            {
                return ValueTask.FromResult<object?>(null);
            }

            return ValueTask.FromResult<object?>(parse(text) ?? throw new BadHttpRequestException($"Failed to bind parameter \"{type.Name} {name}\" from \"{text}\"."));
        };
    }

    /// <summary>For <c>T?</c> where <c>T</c> has a public static <c>TryParse</c> (with a format provider, read invariant, or without): the parser; otherwise null.</summary>
    private static Func<string, object?>? Parser(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is not { } value)
        {
            return null;
        }

        if (value == typeof(DateTimeOffset))
        {
            // As minimal APIs read a date and time from a URL: invariant, blanks allowed, to UTC.
            return text => DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AllowWhiteSpaces, out var at) ? at : null;
        }

        var byRef = value.MakeByRefType();
        if (value.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), byRef]) is { } withProvider)
        {
            return text =>
            {
                object?[] arguments = [text, System.Globalization.CultureInfo.InvariantCulture, null];
                return (bool)withProvider.Invoke(null, arguments)! ? arguments[2] : null;
            };
        }

        if (value.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), byRef]) is { } plain)
        {
            return text =>
            {
                object?[] arguments = [text, null];
                return (bool)plain.Invoke(null, arguments)! ? arguments[1] : null;
            };
        }

        return null;
    }
}
