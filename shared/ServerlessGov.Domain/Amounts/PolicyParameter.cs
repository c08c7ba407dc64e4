using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Amounts;

/// <summary>A named policy parameter (a standard, a line, a share) whose value changes on effective dates.</summary>
public sealed record PolicyParameter(string Name, string? Unit, IReadOnlyList<ParameterValue> Values)
{
    /// <summary>The value in force on a date (the latest whose effective date is on or before it), or null.</summary>
    public ParameterValue? On(BusinessDate date) => Values.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom);
}
