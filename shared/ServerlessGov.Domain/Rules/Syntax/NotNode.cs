namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>Kleene negation; not unknown stays unknown.</summary>
public sealed record NotNode(RuleNode Operand) : RuleNode;
