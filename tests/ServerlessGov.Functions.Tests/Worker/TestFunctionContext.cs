using System.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WorkerRetryContext = Microsoft.Azure.Functions.Worker.RetryContext;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// One invocation as the worker hands it to its middleware, with the ASP.NET Core integration's request in
/// <see cref="FunctionContext.Items"/> (where <c>GetHttpContext()</c> finds it) and the invocation's services.
/// </summary>
public sealed class TestFunctionContext : FunctionContext
{
    // The key the ASP.NET Core integration stores the request's HttpContext under (FunctionsHttpProxyingMiddleware).
    private const string HttpContextKey = "HttpRequestContext";

    public TestFunctionContext(FunctionDefinition definition, IServiceProvider services, HttpContext? http)
    {
        FunctionDefinition = definition;
        InstanceServices = services;
        if (http is not null)
        {
            Items[HttpContextKey] = http;
        }
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; } = new Trace();

    public override BindingContext BindingContext { get; } = new Bindings();

    public override WorkerRetryContext RetryContext { get; } = new Retry();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new InvocationFeatures();

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

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
