namespace ServerlessGov.Functions.Tests.Support;

/// <summary>The collection of tests that measure timing in this process and so run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Runs alone";
}
