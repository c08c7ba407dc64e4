namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>Membership: a value in a literal list, or a text in a set-valued fact.</summary>
public sealed record InNode(RuleNode Item, RuleNode Collection) : RuleNode;
