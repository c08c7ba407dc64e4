namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A constant: bool, number, date or text.</summary>
public sealed record LiteralNode(RuleValue Value) : RuleNode;
