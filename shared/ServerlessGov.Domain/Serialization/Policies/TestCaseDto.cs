namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a policy test case.</summary>
public sealed class TestCaseDto
{
    public string Name { get; set; } = string.Empty;

    public string Date { get; set; } = string.Empty;

    public string? PeriodStart { get; set; }

    public string? PeriodEnd { get; set; }

    public Dictionary<string, FactInputDto> Facts { get; set; } = [];

    public List<CoverageDto>? Coverage { get; set; }

    public ExpectDto? Expect { get; set; }
}
