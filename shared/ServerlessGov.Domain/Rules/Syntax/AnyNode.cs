using System.Collections.Immutable;

namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>Kleene disjunction (<c>or</c>, JSON <c>any</c>): satisfied when one operand is.</summary>
public sealed record AnyNode(ImmutableArray<RuleNode> Operands) : RuleNode;
