using System.Text.Json;

namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a policy document as authors write it; validated by PolicyDocumentValidator.</summary>
public sealed class PolicyDto
{
    public string Id { get; set; } = string.Empty;

    public int Version { get; set; }

    public TextDocumentDto? Title { get; set; }

    public string LegalBasis { get; set; } = string.Empty;

    public TextDocumentDto? Department { get; set; }

    public string Target { get; set; } = string.Empty;

    public JsonElement Rule { get; set; }

    public AmountDto? Amount { get; set; }

    public List<ParameterDto> Parameters { get; set; } = [];

    public ScheduleDto? Schedule { get; set; }

    public string? BudgetCap { get; set; }

    public EffectiveDto? Effective { get; set; }

    public string Track { get; set; } = string.Empty;

    public bool RequiresConfirmation { get; set; }

    public string? ExclusionGroup { get; set; }

    public string? BeneficiaryLimit { get; set; }

    public TextDocumentDto? Notes { get; set; }

    public ReviewDto? Review { get; set; }

    public List<TestCaseDto> TestCases { get; set; } = [];
}
