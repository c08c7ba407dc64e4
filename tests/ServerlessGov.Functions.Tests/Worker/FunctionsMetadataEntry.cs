using System.Text.Json;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>One function of <c>functions.metadata</c>: its name, entry point (<c>Namespace.Type.Method</c>), assembly and bindings.</summary>
internal sealed record FunctionsMetadataEntry(string Name, string EntryPoint, string AssemblyPath, IReadOnlyList<JsonElement> Bindings)
{
    /// <summary>The trigger's binding (its <c>type</c> ends in <c>Trigger</c>).</summary>
    public JsonElement Trigger => Bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The trigger's type (<c>httpTrigger</c>, <c>queueTrigger</c> …).</summary>
    public string TriggerType => Trigger.GetProperty("type").GetString()!;

    /// <summary>The name of the class that declares the function.</summary>
    public string TypeName => EntryPoint[..EntryPoint.LastIndexOf('.')];

    /// <summary>The function as the host describes it to the worker.</summary>
    public TestFunctionDefinition Definition() => new(
        Name, EntryPoint, AssemblyPath,
        [.. Bindings.Where(b => b.GetProperty("direction").GetString() == "In").Select(b => b.GetProperty("type").GetString()!)]);
}
