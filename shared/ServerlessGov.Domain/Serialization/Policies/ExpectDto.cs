namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of the expected result of a test case.</summary>
public sealed class ExpectDto
{
    public string Outcome { get; set; } = string.Empty;

    public string? Amount { get; set; }

    public List<string>? Unknown { get; set; }
}
