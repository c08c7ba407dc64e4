namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a dated parameter.</summary>
public sealed class ParameterDto
{
    public string Name { get; set; } = string.Empty;

    public string? Unit { get; set; }

    public List<ParameterValueDto> Values { get; set; } = [];
}
