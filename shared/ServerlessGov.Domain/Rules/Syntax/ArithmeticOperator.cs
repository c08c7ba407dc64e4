namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>Exact decimal arithmetic, used mostly by amount formulas.</summary>
public enum ArithmeticOperator
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>*</c></summary>
    Multiply,

    /// <summary><c>/</c></summary>
    Divide,
}
