namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>The multi-process tests, run with no other test class beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiProcessCollection
{
    public const string Name = "Multi-process workers";
}
