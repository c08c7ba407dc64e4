namespace ServerlessGov.Hosting.Catalog;

/// <summary>The app's declared functions, as registered by <c>AddFunctionsHost</c>.</summary>
public sealed class FunctionCatalog(IReadOnlyList<FunctionDefinition> functions)
{
    /// <summary>Every function, in declaration order.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; } = functions;
}
