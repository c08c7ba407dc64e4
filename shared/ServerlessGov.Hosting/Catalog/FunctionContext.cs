namespace ServerlessGov.Hosting.Catalog;

/// <summary>What every invocation knows about itself: the function, a fresh invocation id and a per-invocation service scope.</summary>
public class FunctionContext
{
    /// <summary>Builds a context, e.g. to call a handler from a unit test.</summary>
    /// <exception cref="ArgumentException">A name or id is empty, or the services are null.</exception>
    public FunctionContext(string functionName, string invocationId, IServiceProvider services)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(invocationId);
        ArgumentNullException.ThrowIfNull(services);
        FunctionName = functionName;
        InvocationId = invocationId;
        Services = services;
    }

    /// <summary>The name the function was declared with.</summary>
    public string FunctionName { get; }

    /// <summary>A unique id for this run, also present in every log scope and trace of the run.</summary>
    public string InvocationId { get; }

    /// <summary>Services scoped to this invocation (disposed when it ends).</summary>
    public IServiceProvider Services { get; }
}
