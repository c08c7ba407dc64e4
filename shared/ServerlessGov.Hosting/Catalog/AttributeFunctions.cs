using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Durable;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;
using LocalTimerInfo = ServerlessGov.Hosting.Timers.TimerInfo;
using WorkerScheduleStatus = Microsoft.Azure.Functions.Worker.ScheduleStatus;
using WorkerTimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>
/// Reads the functions an assembly declares as isolated-worker <c>[Function]</c> methods with their trigger attributes,
/// so the local runtime runs the same declarations the Azure Functions host loads from <c>functions.metadata</c>.
/// Binding expressions (<c>%name%</c>) are resolved from configuration, as the host resolves them from app settings.
/// </summary>
/// <remarks>
/// Supported so far: <c>[HttpTrigger]</c> (one method; <c>AuthorizationLevel.Anonymous</c> with
/// <see cref="RequireRolesAttribute"/> or <see cref="PublicFunctionAttribute"/>, or <c>AuthorizationLevel.Function</c>; parameters as <see cref="HttpArguments"/> binds them: the
/// <see cref="HttpRequest"/>, route values, query values, one <c>[FromBody]</c>, a <see cref="CancellationToken"/>;
/// returns an <see cref="IResult"/> or a task of one) and <c>[TimerTrigger]</c> (parameters the worker's
/// <see cref="WorkerTimerInfo"/> and <see cref="CancellationToken"/>) and <c>[QueueTrigger]</c> (on <c>AzureWebJobsStorage</c>;
/// the message, its metadata by name (<c>id</c>, <c>dequeueCount</c>, <c>insertionTime</c>, <c>expirationTime</c>), a <see cref="CancellationToken"/>; returns a <see cref="Task"/>),
/// <c>[OrchestrationTrigger]</c> (a static method taking only the <see cref="TaskOrchestrationContext"/>, returning a task of its output) and
/// <c>[ActivityTrigger]</c> (the input and a <see cref="CancellationToken"/>; returns a task of its output). Any other trigger or parameter stops the start
/// with an <see cref="ArgumentException"/> naming the method. Instance methods run on an instance created per invocation
/// from the invocation's services, as the worker creates them.
/// </remarks>
public static partial class AttributeFunctions
{
    private static readonly MethodInfo PopulateMetadataMethod = typeof(AttributeFunctions).GetMethod(nameof(PopulateMetadata), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo DeclareOrchestrationMethod = typeof(AttributeFunctions).GetMethod(nameof(DeclareOrchestrationOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo DeclareActivityMethod = typeof(AttributeFunctions).GetMethod(nameof(DeclareActivityOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Declares every <c>[Function]</c> method of <paramref name="assembly"/> on <paramref name="functions"/>, resolving <c>%name%</c> from its <see cref="FunctionsBuilder.Configuration"/>.</summary>
    /// <exception cref="ArgumentException">A method uses a trigger, parameter or return type the local runtime does not bind, or a setting named by <c>%name%</c> is missing.</exception>
    public static FunctionsBuilder AddFunctionsFrom(this FunctionsBuilder functions, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return functions.AddFunctionsFrom(assembly.GetTypes());
    }

    /// <summary>Declares every <c>[Function]</c> method of <paramref name="types"/>, as <see cref="AddFunctionsFrom(FunctionsBuilder, Assembly)"/>.</summary>
    /// <exception cref="ArgumentException">A method uses a trigger, parameter or return type the local runtime does not bind, or a setting named by <c>%name%</c> is missing.</exception>
    public static FunctionsBuilder AddFunctionsFrom(this FunctionsBuilder functions, params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(types);
        var methods = types
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(m => m.Function is not null)
            .OrderBy(m => m.Function!.Name, StringComparer.Ordinal);
        foreach (var (method, function) in methods)
        {
            Declare(functions, function!.Name, method, functions.Configuration);
        }

        return functions;
    }

    private static void Declare(FunctionsBuilder functions, string name, MethodInfo method, IConfiguration configuration)
    {
        var where = $"{method.DeclaringType?.FullName}.{method.Name} ([Function(\"{name}\")])";
        var parameters = method.GetParameters();
        var triggers = parameters.Where(p => p.GetCustomAttributes().Any(a => a is HttpTriggerAttribute or TimerTriggerAttribute || a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal))).ToList();
        if (triggers.Count != 1)
        {
            throw new ArgumentException($"{where} must have exactly one trigger parameter.", nameof(method));
        }

        var trigger = triggers[0];
        if (trigger.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
        {
            DeclareHttp(functions, name, method, trigger, http, where, configuration);
        }
        else if (trigger.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
        {
            if (trigger.ParameterType != typeof(WorkerTimerInfo))
            {
                throw new ArgumentException($"{where}: a [TimerTrigger] parameter must be Microsoft.Azure.Functions.Worker.TimerInfo.", nameof(method));
            }

            OnlyTriggerAndToken(parameters, trigger, where);
            functions.Timer(name, Resolve(timer.Schedule, configuration, where), (info, context, cancellationToken) =>
                InvokeAsync(method, context.Services, [.. parameters.Select(p => p.Position == trigger.Position ? ToWorker(info) : (object)cancellationToken)]), timer.RunOnStartup);
        }
        else if (trigger.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
        {
            DeclareQueue(functions, name, method, trigger, queue, where, configuration);
        }
        else if (trigger.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)
        {
            DeclareOrchestration(functions, name, method, trigger, where);
        }
        else if (trigger.GetCustomAttribute<ActivityTriggerAttribute>() is not null)
        {
            DeclareActivity(functions, name, method, trigger, where);
        }
        else
        {
            throw new ArgumentException($"{where}: the local runtime does not read this trigger from attributes yet; see docs/HOSTING.md.", nameof(method));
        }
    }

    private static void DeclareHttp(FunctionsBuilder functions, string name, MethodInfo method, ParameterInfo trigger, HttpTriggerAttribute http, string where, IConfiguration configuration)
    {
        if (http.Methods is not { Length: 1 })
        {
            throw new ArgumentException($"{where}: an [HttpTrigger] must name exactly one HTTP method.", nameof(method));
        }

        var authorization = Authorization(method, http, where);

        var returns = method.ReturnType;
        if (!typeof(IResult).IsAssignableFrom(returns) && !(returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) && typeof(IResult).IsAssignableFrom(returns.GetGenericArguments()[0])))
        {
            throw new ArgumentException($"{where}: an HTTP function returns an IResult or a Task of one.", nameof(method));
        }

        var route = Resolve(http.Route ?? name, configuration, where);
        var arguments = HttpArguments.For(method, trigger, route, where);
        Func<HttpContext, Task<IResult>> handler = async context =>
            (IResult)(await InvokeAsync(method, context.RequestServices, await arguments.BindAsync(context).ConfigureAwait(false)).ConfigureAwait(false))!;
        functions.Http(name, http.Methods[0], route, handler, authorization, arguments.BodyType, arguments.IsBodyOptional, builder => DescribeEndpoint(method, builder));
    }

    /// <summary>Who may call an HTTP function (<see cref="HttpFunctionCallers"/>, as the worker's middleware reads it too).</summary>
    private static FunctionAuthorization Authorization(MethodInfo method, HttpTriggerAttribute http, string where) =>
        HttpFunctionCallers.Read(method, http.AuthLevel) ?? throw new ArgumentException(
            $"{where}: an [HttpTrigger] is AuthorizationLevel.Anonymous with [RequireRoles(...)] naming who may call it or [PublicFunction] for anyone, or AuthorizationLevel.Function (a function key) with neither.",
            nameof(method));

    /// <summary>
    /// What minimal APIs add for a handler method: its attributes (e.g. <c>[Consumes(typeof(T), "application/json")]</c>
    /// for a body the function reads itself), and what its result type declares (<c>Results&lt;Ok&lt;T&gt;, ValidationProblem&gt;</c>
    /// lists each response), so the OpenAPI document describes the function as it did when it was a minimal-API handler.
    /// </summary>
    private static void DescribeEndpoint(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var attribute in method.GetCustomAttributes())
        {
            builder.Metadata.Add(attribute);
        }

        var result = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? method.ReturnType.GetGenericArguments()[0] : method.ReturnType;
        if (typeof(IEndpointMetadataProvider).IsAssignableFrom(result))
        {
            PopulateMetadataMethod.MakeGenericMethod(result).Invoke(null, [method, builder]);
        }
    }

    private static void PopulateMetadata<TResult>(MethodInfo method, EndpointBuilder builder)
        where TResult : IEndpointMetadataProvider => TResult.PopulateMetadata(method, builder);

    /// <summary>
    /// A queue function on the host's queue listener, so host.json <c>extensions.queues</c> applies as to any other
    /// (batch size, visibility timeouts, maxDequeueCount, <c>&lt;queue&gt;-poison</c>, message encoding). The trigger
    /// parameter is the body read as JSON with the app's serializer (or the text, or the bytes as <see cref="BinaryData"/>);
    /// a parameter named like the trigger's metadata (<see cref="QueueMetadata"/>) gets it, as the worker binds it from
    /// the trigger's binding data.
    /// </summary>
    private static void DeclareQueue(FunctionsBuilder functions, string name, MethodInfo method, ParameterInfo trigger, QueueTriggerAttribute queue, string where, IConfiguration configuration)
    {
        if (queue.Connection is { Length: > 0 } connection && !string.Equals(connection, "AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{where}: the local runtime reads every queue from AzureWebJobsStorage; Connection = \"{connection}\" names another account.", nameof(method));
        }

        if (method.ReturnType != typeof(Task))
        {
            throw new ArgumentException($"{where}: a queue function returns a Task.", nameof(method));
        }

        var binders = method.GetParameters().Select<ParameterInfo, Func<object, QueueTriggerContext, CancellationToken, object?>>(p =>
            p.Position == trigger.Position ? (message, _, _) => message
            : p.ParameterType == typeof(CancellationToken) ? (_, _, cancellationToken) => cancellationToken
            : QueueMetadata(p) is { } metadata ? (_, context, _) => metadata(context)
            : throw new ArgumentException(
                $"{where}: the local runtime binds a queue function's message, its metadata by name (string id, long or int dequeueCount, DateTimeOffset insertionTime, DateTimeOffset? expirationTime) and a CancellationToken, not '{p.Name}' ({p.ParameterType.Name}); take services in the constructor.",
                nameof(method)))
            .ToArray();
        functions.Queue(name, Resolve(queue.QueueName, configuration, where), trigger.ParameterType, (message, context, cancellationToken) =>
            InvokeAsync(method, context.Services, [.. binders.Select(bind => bind(message, context, cancellationToken))]));
    }

    /// <summary>
    /// The queue trigger's metadata a parameter names, as the worker binds it from the trigger's binding data (by name,
    /// case-insensitively): <c>id</c>, <c>dequeueCount</c>, <c>insertionTime</c>, <c>expirationTime</c>; null for any other parameter.
    /// </summary>
    private static Func<QueueTriggerContext, object?>? QueueMetadata(ParameterInfo parameter)
    {
        bool Is(string name, params Type[] types) => string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase) && types.Contains(parameter.ParameterType);
        return Is("id", typeof(string)) ? context => context.MessageId
            : Is("dequeueCount", typeof(long)) ? context => context.DequeueCount
            : Is("dequeueCount", typeof(int)) ? context => checked((int)context.DequeueCount)
            : Is("insertionTime", typeof(DateTimeOffset), typeof(DateTimeOffset?)) ? context => context.InsertedOn
            : Is("expirationTime", typeof(DateTimeOffset?)) ? context => context.ExpiresOn
            : null;
    }

    /// <summary>
    /// An orchestrator function on the embedded engine: a static method taking only the <see cref="TaskOrchestrationContext"/>
    /// (it replays, so it takes nothing from services) and returning a <see cref="Task{TResult}"/>. It reads its input
    /// with <see cref="TaskOrchestrationContext.GetInput{T}"/>, which the engine reads once, as the type the call names
    /// (<see cref="InputReadOnDemand"/>), as the worker does.
    /// </summary>
    private static void DeclareOrchestration(FunctionsBuilder functions, string name, MethodInfo method, ParameterInfo trigger, string where)
    {
        if (!method.IsStatic || trigger.ParameterType != typeof(TaskOrchestrationContext) || method.GetParameters().Length != 1 || ResultOf(method) is not { } output)
        {
            throw new ArgumentException($"{where}: an orchestrator function is static, takes only its [OrchestrationTrigger] TaskOrchestrationContext, and returns a Task of its output.", nameof(method));
        }

        DeclareOrchestrationMethod.MakeGenericMethod(output).Invoke(null, [functions, name, method]);
    }

    private static void DeclareOrchestrationOf<TOutput>(FunctionsBuilder functions, string name, MethodInfo method) =>
        functions.Orchestration<InputReadOnDemand, TOutput>(name, method.CreateDelegate<Func<TaskOrchestrationContext, Task<TOutput>>>());

    /// <summary>
    /// An activity function: the <c>[ActivityTrigger]</c> parameter is its input, read as that type; a
    /// <see cref="CancellationToken"/> is the activity's; it returns a <see cref="Task{TResult}"/>. An instance method runs on
    /// an instance made per call from the call's services, as the worker makes it. The host's invoker gives it the log
    /// scope, metrics and functionTimeout of any function.
    /// </summary>
    private static void DeclareActivity(FunctionsBuilder functions, string name, MethodInfo method, ParameterInfo trigger, string where)
    {
        OnlyTriggerAndToken(method.GetParameters(), trigger, where);
        if (ResultOf(method) is not { } output)
        {
            throw new ArgumentException($"{where}: an activity function returns a Task of its output.", nameof(method));
        }

        DeclareActivityMethod.MakeGenericMethod(trigger.ParameterType, output).Invoke(null, [functions, name, method, trigger]);
    }

    private static void DeclareActivityOf<TInput, TOutput>(FunctionsBuilder functions, string name, MethodInfo method, ParameterInfo trigger)
    {
        var factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        var call = ActivityCaller<TInput, TOutput>(method, trigger);
        functions.Activity<TInput, TOutput>(name, (_, input, context, cancellationToken) =>
            call(factory?.Invoke(context.Services, null), input, cancellationToken));
    }

    /// <summary>
    /// The activity method as a delegate compiled once (target, input, token), so each call costs a call, not a
    /// reflection invoke and an argument array; an exception it throws reaches the invoker as it was thrown.
    /// </summary>
    private static Func<object?, TInput, CancellationToken, Task<TOutput>> ActivityCaller<TInput, TOutput>(MethodInfo method, ParameterInfo trigger)
    {
        var target = Expression.Parameter(typeof(object), "target");
        var input = Expression.Parameter(typeof(TInput), "input");
        var token = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var arguments = method.GetParameters().Select(p => p.Position == trigger.Position ? (Expression)input : token);
        var call = method.IsStatic
            ? Expression.Call(method, arguments)
            : Expression.Call(Expression.Convert(target, method.DeclaringType!), method, arguments);
        return Expression.Lambda<Func<object?, TInput, CancellationToken, Task<TOutput>>>(call, target, input, token).Compile();
    }

    /// <summary>T of a method returning <see cref="Task{T}"/>; null for any other return type.</summary>
    private static Type? ResultOf(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? method.ReturnType.GetGenericArguments()[0] : null;

    private static void OnlyTriggerAndToken(ParameterInfo[] parameters, ParameterInfo trigger, string where)
    {
        foreach (var parameter in parameters.Where(p => p != trigger && p.ParameterType != typeof(CancellationToken)))
        {
            throw new ArgumentException($"{where}: the local runtime binds only the trigger and a CancellationToken here, not '{parameter.Name}' ({parameter.ParameterType.Name}); take services in the constructor.", nameof(parameters));
        }
    }

    /// <summary>Calls the method with <paramref name="arguments"/> on an instance made from <paramref name="services"/>; returns what it returned (awaited).</summary>
    private static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, object?[] arguments)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        object? result;
        try
        {
            result = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (result is Task task)
        {
            await task.ConfigureAwait(false);
            return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }

        return result;
    }

    private static WorkerTimerInfo ToWorker(LocalTimerInfo info) => new()
    {
        IsPastDue = info.IsPastDue,
        ScheduleStatus = info.ScheduleStatus is { } status
            ? new WorkerScheduleStatus { Last = status.Last.UtcDateTime, Next = status.Next.UtcDateTime, LastUpdated = status.LastUpdated.UtcDateTime }
            : null,
    };

    /// <summary>Replaces each <c>%name%</c> with the setting <c>name</c>, as the Functions host resolves binding expressions.</summary>
    internal static string Resolve(string value, IConfiguration configuration, string where) =>
        SettingExpression().Replace(value, match =>
            configuration[match.Groups[1].Value] is { Length: > 0 } setting
                ? setting
                : throw new ArgumentException($"{where}: the setting '{match.Groups[1].Value}' named by '{match.Value}' is missing.", nameof(value)));

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SettingExpression();
}
