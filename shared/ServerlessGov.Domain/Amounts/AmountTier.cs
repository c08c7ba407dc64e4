using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Amounts;

/// <summary>One band of a tiered amount; both bounds are inclusive and an absent bound is open.</summary>
public sealed record AmountTier(decimal? From, decimal? To, RuleNode Value)
{
    /// <summary>Whether the value falls in this band.</summary>
    public bool Contains(decimal value) => (From is null || value >= From) && (To is null || value <= To);
}
