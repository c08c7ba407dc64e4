using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessGov.Hosting.Durable;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Observability;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Timers;
using WorkerOptions = Microsoft.Azure.Functions.Worker.WorkerOptions;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>
/// The one place an app declares its functions and their triggers, so a reader sees the whole app at a glance:
/// <code>
/// functions
///     .Http("GetPolicy", "GET", "policies/{id}", GetPolicy, FunctionAuthorization.Roles(FunctionRoles.PolicyAuthor))
///     .Queue&lt;SubjectChanged&gt;("OnSubjectChanged", queue: "subject-changes", OnSubjectChanged)
///     .Timer("SweepDeadlines", "0 */5 * * * *", SweepDeadlines);
/// </code>
/// </summary>
public sealed partial class FunctionsBuilder
{
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);
    private readonly List<FunctionDefinition> _functions = [];
    private readonly Dictionary<string, RouteValueRule> _routeValues = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A builder whose binding expressions (<c>%name%</c> in trigger attributes) resolve from <paramref name="configuration"/> (none when null).</summary>
    public FunctionsBuilder(IConfiguration? configuration = null)
    {
        Configuration = configuration ?? new ConfigurationBuilder().Build();
    }

    /// <summary>The app's settings as the host starts with them, for <c>%name%</c> binding expressions (<see cref="AttributeFunctions"/>).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Every function declared so far, in declaration order.</summary>
    public IReadOnlyList<FunctionDefinition> Functions => _functions;

    /// <summary>The rule of every route parameter name declared so far.</summary>
    public IReadOnlyDictionary<string, RouteValueRule> RouteValues => _routeValues;

    /// <summary>
    /// Declares the rule every route parameter named <see cref="RouteValueRule.Name"/> keeps, in every HTTP function of
    /// the app (a name means one kind of identifier throughout). Features that share a parameter declare the same rule
    /// instance; declaring it again is harmless.
    /// </summary>
    /// <exception cref="ArgumentException">Another rule was declared for the same name.</exception>
    public FunctionsBuilder RouteValue(RouteValueRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (_routeValues.TryGetValue(rule.Name, out var declared) && !ReferenceEquals(declared, rule))
        {
            throw new ArgumentException($"Route parameter '{rule.Name}' already has another rule ('{declared.Description}').", nameof(rule));
        }

        _routeValues[rule.Name] = rule;
        return this;
    }

    /// <summary>An HTTP function: a minimal-API endpoint at <c>/{routePrefix}/{route}</c>, callable by <paramref name="authorization"/>.</summary>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    public FunctionsBuilder Http(string name, string method, string route, Delegate handler, FunctionAuthorization authorization) =>
        Add(new HttpFunctionDefinition(name, method, route, handler, authorization));

    /// <summary>An HTTP function whose handler reads a JSON body of <paramref name="bodyType"/> itself (<see cref="AttributeFunctions"/>), declared so the endpoint accepts it as minimal APIs declare an inferred body.</summary>
    internal FunctionsBuilder Http(
        string name, string method, string route, Delegate handler, FunctionAuthorization authorization, Type? bodyType, bool isBodyOptional, Action<Microsoft.AspNetCore.Builder.EndpointBuilder> describeEndpoint) =>
        Add(new HttpFunctionDefinition(name, method, route, handler, authorization) { BodyType = bodyType, IsBodyOptional = isBodyOptional, DescribeEndpoint = describeEndpoint });

    /// <summary>A queue function: runs once per message of <paramref name="queue"/>, with the JSON body read as <typeparamref name="TMessage"/>.</summary>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    public FunctionsBuilder Queue<TMessage>(string name, string queue, Func<TMessage, QueueTriggerContext, CancellationToken, Task> handler)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new QueueFunctionDefinition(
            name, queue, typeof(TMessage), BindJson(typeof(TMessage), (body, _) => JsonSerializer.Deserialize<TMessage>(body.ToMemory().Span, MessageJson)),
            (message, context, cancellationToken) => handler((TMessage)message, context, cancellationToken)));
    }

    /// <summary>A queue function whose message is read with a source-generated <paramref name="typeInfo"/>.</summary>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    public FunctionsBuilder Queue<TMessage>(string name, string queue, JsonTypeInfo<TMessage> typeInfo, Func<TMessage, QueueTriggerContext, CancellationToken, Task> handler)
        where TMessage : notnull
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new QueueFunctionDefinition(
            name, queue, typeof(TMessage), BindJson(typeof(TMessage), (body, _) => JsonSerializer.Deserialize(body.ToMemory().Span, typeInfo)),
            (message, context, cancellationToken) => handler((TMessage)message, context, cancellationToken)));
    }

    /// <summary>
    /// A queue function whose message type is known only at run time (<see cref="AttributeFunctions"/>), read as the
    /// isolated worker reads a message into a type: with the app's <see cref="WorkerOptions.Serializer"/> when it
    /// configures one (e.g. enums as their names), else as <see cref="Queue{TMessage}(string, string, Func{TMessage, QueueTriggerContext, CancellationToken, Task})"/> reads it.
    /// </summary>
    internal FunctionsBuilder Queue(string name, string queue, Type messageType, Func<object, QueueTriggerContext, CancellationToken, Task> handler) =>
        Add(new QueueFunctionDefinition(name, queue, messageType, BindJson(messageType, (body, services) =>
            services.GetService<IOptions<WorkerOptions>>()?.Value.Serializer is { } serializer
                ? serializer.Deserialize(body.ToStream(), messageType, CancellationToken.None)
                : JsonSerializer.Deserialize(body.ToMemory().Span, messageType, MessageJson)), handler));

    /// <summary>
    /// A timer function on a 6-field NCRONTAB <paramref name="schedule"/> (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>),
    /// read in <c>WEBSITE_TIME_ZONE</c>; run by one host at a time.
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    public FunctionsBuilder Timer(string name, string schedule, Func<TimerInfo, FunctionContext, CancellationToken, Task> handler, bool runOnStartup = false) =>
        Add(new TimerFunctionDefinition(name, schedule, runOnStartup, handler));

    /// <summary>
    /// An orchestrator function in the isolated Durable Functions form: a method taking a
    /// <see cref="TaskOrchestrationContext"/> that reads its <typeparamref name="TInput"/> with
    /// <see cref="TaskOrchestrationContext.GetInput{T}"/>. It is started through the <c>DurableTaskClient</c> by name
    /// and replays from history, so it must be deterministic (time, GUIDs and randomness from its context; I/O only in
    /// activities).
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    public FunctionsBuilder Orchestration<TInput, TOutput>(string name, Func<TaskOrchestrationContext, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return Add(new OrchestrationFunctionDefinition(name, registry => registry.AddOrchestratorFunc<TInput, TOutput>(name, (context, _) => orchestrator(context))));
    }

    /// <summary>An orchestrator class, created per episode (same determinism rules).</summary>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    public FunctionsBuilder Orchestration<TOrchestrator>(string name)
        where TOrchestrator : class, ITaskOrchestrator, new() =>
        Add(new OrchestrationFunctionDefinition(name, registry => registry.AddOrchestrator<TOrchestrator>(name)));

    /// <summary>
    /// An activity function, called by orchestrators by name. It runs at least once per call, so make it idempotent
    /// (key side effects by something the orchestrator passes in, such as its instance id). It gets the host's log
    /// scope, metrics and functionTimeout, and a service scope per call.
    /// </summary>
    /// <exception cref="ArgumentException">The name is invalid or already declared.</exception>
    public FunctionsBuilder Activity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, FunctionContext, CancellationToken, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Add(new ActivityFunctionDefinition(name, registry => registry.AddActivity(name, services =>
            new ObservedActivity<TInput, TOutput>(name, services.GetRequiredService<FunctionInvoker>(), services.GetRequiredService<IServiceScopeFactory>(), activity))));
    }

    private FunctionsBuilder Add(FunctionDefinition function)
    {
        if (!FunctionNamePattern().IsMatch(function.Name))
        {
            throw new ArgumentException($"Function name '{function.Name}' is invalid: use 1–128 letters, digits, '-' and '_', starting with a letter.", nameof(function));
        }

        if (_functions.Any(f => string.Equals(f.Name, function.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"Function '{function.Name}' is declared twice.", nameof(function));
        }

        _functions.Add(function);
        return this;
    }

    private static Func<BinaryData, IServiceProvider, object> BindJson(Type type, Func<BinaryData, IServiceProvider, object?> deserialize) => (body, services) =>
    {
        if (type == typeof(BinaryData))
        {
            return body;
        }

        if (type == typeof(string))
        {
            return body.ToString();
        }

        try
        {
            return deserialize(body, services) ?? throw new MessageBindingException($"The message body is JSON null; a {type.Name} was expected.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            throw new MessageBindingException($"The message body could not be read as {type.Name}: {ex.Message}", ex);
        }
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionNamePattern();
}
