using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Amounts;

/// <summary>A parameter's value from a date on, with the legal text that set it.</summary>
public sealed record ParameterValue(BusinessDate EffectiveFrom, decimal Value, string LegalReference);
