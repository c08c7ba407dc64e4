namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A reference to a policy parameter (text <c>$name</c>), whose value depends on the effective date.</summary>
public sealed record ParameterNode(string Name) : RuleNode;
