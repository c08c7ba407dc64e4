using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Worker;

/// <summary>
/// The isolated worker's caller check, so a function called through the Azure Functions host admits exactly whom the
/// local runtime admits: for an HTTP function it reads the method's declaration (<see cref="HttpFunctionCallers"/>) and
/// validates the bearer token with the local runtime's rules (<see cref="BearerTokenValidation"/>).
/// </summary>
/// <remarks>
/// <c>[RequireRoles]</c>: no token or an invalid one is a 401 (<c>WWW-Authenticate: Bearer</c>), a token without one of
/// the roles a 403, each with the local runtime's problem details; the validated principal becomes <c>HttpContext.User</c>.
/// <c>[PublicFunction]</c> and <c>AuthorizationLevel.Function</c> (the host checked the key before the worker) pass.
/// Any other HTTP declaration, or a method that cannot be found, is a 500 and an error naming the function: never open
/// by accident. Functions with other triggers pass through.
/// </remarks>
internal sealed partial class WorkerAuthorization(ILogger<WorkerAuthorization> logger) : IFunctionsWorkerMiddleware
{
    private const string HttpTrigger = "httpTrigger";

    private readonly ConcurrentDictionary<string, Callers> _callers = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var callers = _callers.GetOrAdd(context.FunctionId, static (_, definition) => Classify(definition), context.FunctionDefinition);
        if (!callers.IsHttp)
        {
            await next(context);
            return;
        }

        // Without the ASP.NET Core integration (ConfigureFunctionsWebApplication) there is no request to check: fail the invocation.
        var http = context.GetHttpContext()
            ?? throw new InvalidOperationException($"HTTP function '{context.FunctionDefinition.Name}' runs without the ASP.NET Core integration; the worker cannot check its callers.");
        if (callers.Authorization is null)
        {
            Logs.Undeclared(logger, context.FunctionDefinition.Name, context.FunctionDefinition.EntryPoint);
            await WriteProblemAsync(context, http, StatusCodes.Status500InternalServerError);
            return;
        }

        if (callers.Authorization.Kind != AuthorizationKind.Roles)
        {
            await next(context);
            return;
        }

        var authentication = context.InstanceServices.GetRequiredService<IAuthenticationService>();
        var result = await authentication.AuthenticateAsync(http, JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            await authentication.ChallengeAsync(http, JwtBearerDefaults.AuthenticationScheme, null);
            await WriteProblemAsync(context, http, StatusCodes.Status401Unauthorized);
            return;
        }

        if (!callers.Authorization.AllowedRoles.Any(principal.IsInRole))
        {
            await authentication.ForbidAsync(http, JwtBearerDefaults.AuthenticationScheme, null);
            await WriteProblemAsync(context, http, StatusCodes.Status403Forbidden);
            return;
        }

        http.User = principal;
        await next(context);
    }

    /// <summary>
    /// Whether the function is HTTP-triggered and, if so, who may call it: its <c>[Function]</c> method is found from
    /// the definition's entry point (<c>Namespace.Type.Method</c>) in its assembly and read as the local runtime reads it.
    /// A null authorization is a declaration neither host runs, or a method not found.
    /// </summary>
    internal static Callers Classify(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.InputBindings.Values.Any(b => string.Equals(b.Type, HttpTrigger, StringComparison.OrdinalIgnoreCase)))
        {
            return new(false, null);
        }

        var method = FindMethod(definition);
        var trigger = method?.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null);
        if (method is null || trigger is null)
        {
            return new(true, null);
        }

        try
        {
            return new(true, HttpFunctionCallers.Read(method, trigger.AuthLevel));
        }
        catch (ArgumentException)
        {
            // A role that is not one of ours: the local runtime refuses to start; here the function answers 500.
            return new(true, null);
        }
    }

    /// <summary>The <c>[Function]</c> method behind <paramref name="definition"/> (its entry point, <c>Namespace.Type.Method</c>, in its assembly); null when there is not exactly one.</summary>
    internal static MethodInfo? FindMethod(FunctionDefinition definition)
    {
        var split = definition.EntryPoint.LastIndexOf('.');
        if (split <= 0)
        {
            return null;
        }

        var assemblyName = Path.GetFileNameWithoutExtension(definition.PathToAssembly);
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => string.Equals(a.GetName().Name, assemblyName, StringComparison.Ordinal))
            ?? Assembly.LoadFrom(definition.PathToAssembly);
        var methods = assembly.GetType(definition.EntryPoint[..split])?
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == definition.EntryPoint[(split + 1)..] && m.GetCustomAttribute<FunctionAttribute>()?.Name == definition.Name)
            .ToList();
        return methods is [var method] ? method : null;
    }

    /// <summary>The problem details the local runtime's status code pages write for the status (none when the caller accepts no JSON).</summary>
    private static async Task WriteProblemAsync(FunctionContext context, HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        await context.InstanceServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status },
        });
    }

    /// <summary>An HTTP function as the middleware reads it: whether it is one, and who may call it (null: nobody, it answers 500).</summary>
    internal readonly record struct Callers(bool IsHttp, FunctionAuthorization? Authorization);

    private static partial class Logs
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Error,
            Message = "HTTP function '{FunctionName}' ({EntryPoint}) declares no callers the worker can enforce: [RequireRoles] or [PublicFunction] with AuthorizationLevel.Anonymous, or AuthorizationLevel.Function alone; it answers 500")]
        public static partial void Undeclared(ILogger logger, string functionName, string entryPoint);
    }
}
