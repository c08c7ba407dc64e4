namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A reference to <c>period_start</c>, <c>period_end</c> or <c>today</c>.</summary>
public sealed record DateReferenceNode(DateReference Reference) : RuleNode;
