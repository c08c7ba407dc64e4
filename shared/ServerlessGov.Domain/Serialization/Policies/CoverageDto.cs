namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a complete extract declared for a test case: source, facts, scope and as-of.</summary>
public sealed class CoverageDto
{
    public string? Source { get; set; }

    public List<string?>? Facts { get; set; }

    public CoverageScopeDto? Scope { get; set; }

    public string? AsOf { get; set; }
}

/// <summary>The JSON shape of a coverage scope: a fact and the values covered; absent for every subject.</summary>
public sealed class CoverageScopeDto
{
    public string? Fact { get; set; }

    public List<string?>? Values { get; set; }
}
