namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Review settings (configuration section <c>Reviews</c>): business hours, extra calendar years, SLA targets per
/// policy and priority, and who supervises each group. Targets are fixed on an item when it opens, so changing them
/// affects new items only.
/// </summary>
public sealed class ReviewOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reviews";

    /// <summary>When working time starts each working day (Beijing time); with <see cref="BusinessHoursEnd"/>, or whole days count.</summary>
    public TimeSpan? BusinessHoursStart { get; set; }

    /// <summary>When working time stops each working day (Beijing time).</summary>
    public TimeSpan? BusinessHoursEnd { get; set; }

    /// <summary>Calendar year documents (<c>cn-YYYY.json</c> format) beyond the shipped ones, paths relative to the app root.</summary>
    public IList<string> CalendarFiles { get; } = [];

    /// <summary>Per policy id: department, track and SLA overrides.</summary>
    public IDictionary<string, ReviewPolicySettings> Policies { get; } = new Dictionary<string, ReviewPolicySettings>(StringComparer.Ordinal);

    /// <summary>Per reviewer group: its reviewers, supervisors and department heads, told along the ladder.</summary>
    public IDictionary<string, ReviewGroupSettings> Groups { get; } = new Dictionary<string, ReviewGroupSettings>(StringComparer.Ordinal);

    /// <summary>The group residents' objections (异议) are routed to.</summary>
    public string ObjectionGroup { get; set; } = "objections";
}
