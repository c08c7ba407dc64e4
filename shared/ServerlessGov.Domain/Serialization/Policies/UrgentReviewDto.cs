using System.Text.Json;

namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of one urgent review reason: the reason, and an optional condition (a rule) on the subject's facts.</summary>
public sealed class UrgentReviewDto
{
    public string Reason { get; set; } = string.Empty;

    public JsonElement When { get; set; }
}
