using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Policies;

/// <summary>
/// Which of a policy's reviews run on the urgent track: all of them, or those of the listed reasons (each perhaps only
/// when a condition on the subject's facts is satisfied, such as hardship for a failed payment).
/// </summary>
/// <param name="Always">Every review of the policy is urgent.</param>
/// <param name="Reasons">The urgent review reasons.</param>
public sealed record ReviewUrgencyRules(bool Always, IReadOnlyList<UrgentReviewReason> Reasons)
{
    /// <summary>The reasons a review can have (<c>objection</c> also covers <c>objectionToStop</c>, an objection to a stopped allowance).</summary>
    public static IReadOnlyList<string> ReasonNames { get; } = ["unknownFacts", "failedPayment", "objection", "objectionToStop"];

    /// <summary>No review is urgent because of the policy.</summary>
    public static ReviewUrgencyRules None { get; } = new(false, []);
}

/// <summary>One urgent review reason of a policy.</summary>
/// <param name="Reason">One of <see cref="ReviewUrgencyRules.ReasonNames"/>.</param>
/// <param name="When">A condition on the subject's facts that must be satisfied (unknown or not satisfied: normal); null: always.</param>
public sealed record UrgentReviewReason(string Reason, RuleNode? When);
