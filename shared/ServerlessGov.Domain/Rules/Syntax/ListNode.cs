using System.Collections.Immutable;

namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A literal list, the right-hand side of <c>in</c>.</summary>
public sealed record ListNode(ImmutableArray<RuleNode> Items) : RuleNode;
