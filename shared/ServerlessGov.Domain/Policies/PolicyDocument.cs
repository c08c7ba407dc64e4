using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>A validated, immutable policy version: who is eligible, how much, how often, under which constraints.</summary>
public sealed record PolicyDocument
{
    /// <summary>The stable id, e.g. <c>old-age-allowance</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The version.</summary>
    public required PolicyVersion Version { get; init; }

    /// <summary>The title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The legal basis (document and article).</summary>
    public required string LegalBasis { get; init; }

    /// <summary>The responsible department.</summary>
    public required LocalizedText Department { get; init; }

    /// <summary>Residents or enterprises.</summary>
    public required PolicyTarget Target { get; init; }

    /// <summary>The eligibility rule.</summary>
    public required RuleNode Rule { get; init; }

    /// <summary>The amount per period.</summary>
    public required AmountRule Amount { get; init; }

    /// <summary>The dated parameters.</summary>
    public required IReadOnlyList<PolicyParameter> Parameters { get; init; }

    /// <summary>How often it pays.</summary>
    public required PaymentSchedule Schedule { get; init; }

    /// <summary>The budget cap, if any.</summary>
    public Money? BudgetCap { get; init; }

    /// <summary>The first day the policy applies.</summary>
    public required BusinessDate EffectiveFrom { get; init; }

    /// <summary>The last day it applies, if known.</summary>
    public BusinessDate? EffectiveUntil { get; init; }

    /// <summary>Automatic or fast application.</summary>
    public required PolicyTrack Track { get; init; }

    /// <summary>Whether the beneficiary must confirm intention (告知承诺) before payment.</summary>
    public bool RequiresConfirmation { get; init; }

    /// <summary>Policies sharing a group are mutually exclusive for one subject.</summary>
    public string? ExclusionGroup { get; init; }

    /// <summary>One per household or couple, or none.</summary>
    public BeneficiaryLimit BeneficiaryLimit { get; init; }

    /// <summary>Which of the policy's reviews are urgent.</summary>
    public ReviewUrgencyRules Review { get; init; } = ReviewUrgencyRules.None;

    /// <summary>Notes for staff (e.g. that amounts are samples).</summary>
    public LocalizedText? Notes { get; init; }

    /// <summary>The test cases that must pass before publishing.</summary>
    public required IReadOnlyList<PolicyTestCase> TestCases { get; init; }

    /// <summary>Whether the policy is in force on a date.</summary>
    public bool IsEffectiveOn(BusinessDate date) => date >= EffectiveFrom && (EffectiveUntil is null || date <= EffectiveUntil);

    /// <summary>
    /// The period a decision on <paramref name="date"/> pays (<see cref="PaymentSchedule.PeriodContaining(BusinessDate)"/>) clipped to
    /// the effective window, or null when the policy is not in force in it. Policy runs, dry-runs and test cases without
    /// an explicit period all use it, so <c>period_start</c> and <c>period_end</c> mean the same everywhere.
    /// </summary>
    public (BusinessDate Start, BusinessDate End)? PeriodOn(BusinessDate date) => Schedule.PeriodContaining(date, EffectiveFrom, EffectiveUntil);

    /// <summary>Parameter values in force on a date.</summary>
    public IReadOnlyDictionary<string, decimal> ParametersOn(BusinessDate date) =>
        Parameters.Select(p => (p.Name, Value: p.On(date))).Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!.Value, StringComparer.Ordinal);
}
