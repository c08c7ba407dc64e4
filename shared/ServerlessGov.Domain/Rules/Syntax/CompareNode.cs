namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A comparison of two values: a leaf clause of a rule.</summary>
public sealed record CompareNode(CompareOperator Operator, RuleNode Left, RuleNode Right) : RuleNode;
