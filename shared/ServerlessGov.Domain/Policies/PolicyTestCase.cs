using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>Given these facts on this date, the policy must decide this outcome and amount; a failing case blocks publishing.</summary>
public sealed record PolicyTestCase(
    string Name,
    BusinessDate Date,
    BusinessDate PeriodStart,
    BusinessDate PeriodEnd,
    IReadOnlyList<FactValue> Facts,
    Truth ExpectedOutcome,
    Money? ExpectedAmount,
    IReadOnlyList<string> ExpectedUnknownFacts)
{
    /// <summary>The complete extracts declared for the case: a fact a covering source did not report takes its absent value.</summary>
    public IReadOnlyList<CoverageDeclaration> Coverage { get; init; } = [];
}
