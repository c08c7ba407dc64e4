using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WorkerRetryContext = Microsoft.Azure.Functions.Worker.RetryContext;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// One invocation as the worker hands it to its middleware, with the ASP.NET Core integration's request in
/// <see cref="FunctionContext.Items"/> (where <c>GetHttpContext()</c> finds it), the invocation's services, and the
/// worker's bindings feature, where <c>GetInvocationResult()</c> reads and writes what the function returned.
/// </summary>
public sealed class TestFunctionContext : FunctionContext
{
    // The key the ASP.NET Core integration stores the request's HttpContext under (FunctionsHttpProxyingMiddleware).
    private const string HttpContextKey = "HttpRequestContext";

    // The worker's feature behind GetInvocationResult(), internal to the worker (hence a proxy of it below).
    private static readonly Type BindingsFeatureType = typeof(FunctionContext).Assembly
        .GetType("Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", throwOnError: true)!;

    private readonly InvocationFeatures _features = new();

    private readonly BindingsFeature _bindings;

    public TestFunctionContext(FunctionDefinition definition, IServiceProvider services, HttpContext? http)
    {
        FunctionDefinition = definition;
        InstanceServices = services;
        if (http is not null)
        {
            Items[HttpContextKey] = http;
        }

        var bindings = DispatchProxy.Create(BindingsFeatureType, typeof(BindingsFeature));
        _bindings = (BindingsFeature)bindings;
        _features.Set(BindingsFeatureType, bindings);
    }

    /// <summary>What the function returned, as the worker holds it for the middleware after the invocation.</summary>
    public object? InvocationResult
    {
        get => _bindings.InvocationResult;
        set => _bindings.InvocationResult = value;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; } = new Trace();

    public override BindingContext BindingContext { get; } = new Bindings();

    public override WorkerRetryContext RetryContext { get; } = new Retry();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => _features;

    private sealed class Trace : TraceContext
    {
        public override string TraceParent => "00-00000000000000000000000000000001-0000000000000001-01";

        public override string TraceState => string.Empty;
    }

    private sealed class Bindings : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>();
    }

    private sealed class Retry : WorkerRetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class InvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public void Set(Type type, object instance) => _features[type] = instance;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The worker's bindings feature for one invocation: its invocation result, no trigger metadata, input or output
    /// bindings (the middlewares under test read only the result).
    /// </summary>
    public class BindingsFeature : DispatchProxy
    {
        private readonly Dictionary<string, object?> _outputs = [];

        public object? InvocationResult { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_InvocationResult" => InvocationResult,
            "set_InvocationResult" => InvocationResult = args![0],
            "get_TriggerMetadata" or "get_InputData" => new Dictionary<string, object?>(),
            "get_OutputBindingData" => _outputs,
            _ => throw new NotSupportedException($"{targetMethod?.Name} is not part of the invocations these tests make."),
        };
    }
}
