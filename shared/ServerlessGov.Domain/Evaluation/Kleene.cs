namespace ServerlessGov.Domain.Evaluation;

/// <summary>Kleene's strong three-valued connectives.</summary>
public static class Kleene
{
    /// <summary>Conjunction: the lesser value.</summary>
    public static Truth And(Truth left, Truth right) => left < right ? left : right;

    /// <summary>Disjunction: the greater value.</summary>
    public static Truth Or(Truth left, Truth right) => left > right ? left : right;

    /// <summary>Negation: unknown stays unknown.</summary>
    public static Truth Not(Truth value) => (Truth)(2 - (int)value);

    /// <summary>A known bool as a truth value.</summary>
    public static Truth Of(bool value) => value ? Truth.Satisfied : Truth.NotSatisfied;
}
