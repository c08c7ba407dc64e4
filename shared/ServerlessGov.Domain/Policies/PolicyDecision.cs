using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>The decision of one policy for one subject and period, with its proof and amount.</summary>
public sealed record PolicyDecision(
    string PolicyId,
    PolicyVersion PolicyVersion,
    int DictionaryVersion,
    BusinessDate EvaluationDate,
    BusinessDate PeriodStart,
    BusinessDate PeriodEnd,
    Truth Outcome,
    ClauseProof Proof,
    Money? Amount,
    IReadOnlyList<UnknownReason> AmountReasons)
{
    /// <summary>For a prorated monthly policy, the days of the period on which the subject was eligible.</summary>
    public int? EligibleDays { get; init; }

    /// <summary>Every reason the decision is unknown (rule and amount).</summary>
    public IEnumerable<UnknownReason> UnknownReasons => Proof.Leaves().SelectMany(l => l.Reasons).Concat(AmountReasons);
}
