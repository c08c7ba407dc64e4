using System.Collections.Immutable;

namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A call of a built-in function.</summary>
public sealed record CallNode(RuleFunction Function, ImmutableArray<RuleNode> Arguments) : RuleNode;
