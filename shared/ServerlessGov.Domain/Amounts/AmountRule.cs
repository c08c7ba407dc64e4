using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Amounts;

/// <summary>How much a policy pays per period, with its explicit rounding rule.</summary>
public sealed record AmountRule
{
    /// <summary>Fixed, tiered or formula.</summary>
    public required AmountKind Kind { get; init; }

    /// <summary>The amount expression for fixed and formula amounts (yuan).</summary>
    public RuleNode? Value { get; init; }

    /// <summary>The value tiers are chosen on (e.g. <c>age_on(period_end)</c>).</summary>
    public RuleNode? TierOn { get; init; }

    /// <summary>The tiers, in order.</summary>
    public IReadOnlyList<AmountTier> Tiers { get; init; } = [];

    /// <summary>How the exact amount becomes money.</summary>
    public required Rounding Rounding { get; init; }

    /// <summary>True when the figures are samples, not a real legal amount.</summary>
    public bool Sample { get; init; }
}
