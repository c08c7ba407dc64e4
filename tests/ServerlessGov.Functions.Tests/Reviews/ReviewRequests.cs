using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Functions.Reviews;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>Review requests as a case orchestration would send them.</summary>
internal static class ReviewRequests
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static DateTimeOffset Bj(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Beijing);

    public static ReviewRequest UnknownIncome(string caseId, ReviewPriority priority = ReviewPriority.Normal, string policyId = "minimum-living-allowance") => new(
        caseId,
        ReviewOrchestrations.InstanceIdFor(caseId, ReviewReasonKind.UnknownFacts),
        policyId,
        1,
        "subj-" + caseId,
        ReviewReasonKind.UnknownFacts,
        [
            new UnknownReason(UnknownReasonKind.Stale, "household.incomePerHead", "civil-affairs", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new UnknownReason(UnknownReasonKind.Conflicting, "household.size", "household-registry", null, "civil-affairs"),
        ],
        priority,
        "benefits");

    /// <summary>Moves the clock to <paramref name="instant"/> (never back).</summary>
    public static void MoveTo(this ServerlessGov.Testing.ManualTimeProvider clock, DateTimeOffset instant)
    {
        var step = instant - clock.GetUtcNow();
        if (step > TimeSpan.Zero)
        {
            clock.Advance(step);
        }
    }
}
