namespace ServerlessGov.Functions.Reviews;

/// <summary>How one policy's review items are held to time; unset values fall back to the policy catalog and the defaults.</summary>
public sealed class ReviewPolicySettings
{
    /// <summary>The responsible department (report grouping, department head).</summary>
    public string? Department { get; set; }

    /// <summary>True for the fast-application track (快申快享): normal items closed within 60 working days.</summary>
    public bool? FastApplication { get; set; }

    /// <summary>Targets for urgent items (default: 5 minutes / 24 hours, elapsed time).</summary>
    public ReviewSlaSettings? Urgent { get; set; }

    /// <summary>Targets for normal items (default: 1 / 7 working days).</summary>
    public ReviewSlaSettings? Normal { get; set; }
}
