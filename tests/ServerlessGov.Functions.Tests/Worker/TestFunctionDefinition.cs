using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// A function as the Azure Functions host describes it to the worker (its load request, read from
/// <c>functions.metadata</c>): name, entry point, assembly path and binding types; what the worker's middleware reads.
/// </summary>
public sealed class TestFunctionDefinition : FunctionDefinition
{
    public TestFunctionDefinition(string name, string entryPoint, string pathToAssembly, params string[] inputBindingTypes)
    {
        Name = name;
        Id = name + "-id";
        EntryPoint = entryPoint;
        PathToAssembly = pathToAssembly;
        InputBindings = inputBindingTypes
            .Select((type, index) => new Binding("input" + index, type, BindingDirection.In))
            .ToImmutableDictionary(b => b.Name, b => (BindingMetadata)b);
    }

    public override ImmutableArray<FunctionParameter> Parameters => [];

    public override string PathToAssembly { get; }

    public override string EntryPoint { get; }

    public override string Id { get; }

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;

    /// <summary>The function of <paramref name="type"/>'s <paramref name="method"/> in its (loaded) assembly.</summary>
    public static TestFunctionDefinition For(Type type, string method, string name, params string[] inputBindingTypes) =>
        new(name, $"{type.FullName}.{method}", type.Assembly.Location, inputBindingTypes);

    private sealed class Binding(string name, string type, BindingDirection direction) : BindingMetadata
    {
        public override string Name { get; } = name;

        public override string Type { get; } = type;

        public override BindingDirection Direction { get; } = direction;
    }
}
