namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>An arithmetic operation on two numbers.</summary>
public sealed record ArithmeticNode(ArithmeticOperator Operator, RuleNode Left, RuleNode Right) : RuleNode;
