namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>The dates a rule may refer to without naming them.</summary>
public enum DateReference
{
    /// <summary>The first day of the period being decided (<c>period_start</c>).</summary>
    PeriodStart,

    /// <summary>The last day of the period being decided (<c>period_end</c>).</summary>
    PeriodEnd,

    /// <summary>The evaluation date (<c>today</c>).</summary>
    Today,
}
