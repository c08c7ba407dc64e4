namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A reference to a fact of the data dictionary by its dotted name.</summary>
public sealed record FactNode(string Name) : RuleNode;
