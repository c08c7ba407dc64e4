using ServerlessGov.Functions.Enterprises;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>Queue messages for the tests: an enterprise (by pseudonymous id) matching a policy version.</summary>
internal static class Notifications
{
    public static PolicyMatchNotification Match(string enterpriseId, string policyId = "job-retention-refund", int version = 1, string category = "subsidies") => new()
    {
        EnterpriseId = enterpriseId,
        PolicyId = policyId,
        PolicyVersion = version,
        Category = category,
        Outcome = MatchOutcome.LikelyEligible,
        FactsToConfirm = ["insured-headcount-unchanged"],
    };

    public static string EventId(PolicyMatchNotification message) =>
        NotificationEventIds.For(message.EnterpriseId, message.PolicyId, message.PolicyVersion);

    public static string NewEnterpriseId() => "ent-" + Guid.NewGuid().ToString("N")[..12];
}
