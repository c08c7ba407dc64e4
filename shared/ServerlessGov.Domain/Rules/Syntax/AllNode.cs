using System.Collections.Immutable;

namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>Kleene conjunction (<c>and</c>, JSON <c>all</c>): satisfied when every operand is.</summary>
public sealed record AllNode(ImmutableArray<RuleNode> Operands) : RuleNode;
