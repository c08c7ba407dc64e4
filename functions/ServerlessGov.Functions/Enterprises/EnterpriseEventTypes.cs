namespace ServerlessGov.Functions.Enterprises;

/// <summary>The CloudEvents this feature publishes (documented with their data schema in docs/ENTERPRISES.md).</summary>
public static class EnterpriseEventTypes
{
    /// <summary>An enterprise matches a published policy version; data is <see cref="PolicyMatchedEventData"/>.</summary>
    public const string PolicyMatched = "gov.serverlessgov.enterprises.policy-matched.v1";

    /// <summary>The weekly digest of an enterprise's open matches; data is <see cref="Digests.WeeklyDigestEventData"/>.</summary>
    public const string WeeklyDigest = "gov.serverlessgov.enterprises.weekly-digest.v1";

    /// <summary>The CloudEvent source of every event of this feature.</summary>
    public const string Source = "/serverlessgov/enterprises";

    /// <summary>Event Grid's subscription validation event (Event Grid schema), answered by the receiver.</summary>
    public const string SubscriptionValidation = "Microsoft.EventGrid.SubscriptionValidationEvent";
}
