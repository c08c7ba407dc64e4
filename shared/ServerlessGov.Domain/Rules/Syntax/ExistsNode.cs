namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>Whether a fact has a value from any source; never unknown, so authors use it deliberately.</summary>
public sealed record ExistsNode(string Fact) : RuleNode;
