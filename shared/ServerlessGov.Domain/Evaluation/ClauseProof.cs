using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// The proof of one clause: its outcome, the facts that decided it (value, source, as-of) and, when unknown, why.
/// For <c>and</c>/<c>or</c> only the children that decided the outcome are kept.
/// </summary>
public sealed record ClauseProof(string Clause, Truth Outcome, IReadOnlyList<FactEvidence> Facts, IReadOnlyList<UnknownReason> Reasons, IReadOnlyList<ClauseProof> Children)
{
    /// <summary>The clause's node, for renderers that phrase common clauses specially.</summary>
    public RuleNode? Node { get; init; }

    /// <summary>Every leaf clause of the proof, depth first.</summary>
    public IEnumerable<ClauseProof> Leaves() => Children.Count == 0 ? [this] : Children.SelectMany(c => c.Leaves());
}
