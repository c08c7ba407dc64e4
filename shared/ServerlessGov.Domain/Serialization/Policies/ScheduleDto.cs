namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a payment schedule.</summary>
public sealed class ScheduleDto
{
    public string Kind { get; set; } = string.Empty;

    public bool Prorate { get; set; }
}
