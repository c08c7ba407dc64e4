using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// The <c>enterprise-notifications</c> queue message: enterprise <see cref="EnterpriseId"/> matches policy
/// <see cref="PolicyId"/> version <see cref="PolicyVersion"/>, so it is told once through Event Grid.
/// </summary>
public sealed record PolicyMatchNotification
{
    /// <summary>The queue the notifications wait on.</summary>
    public const string QueueName = "enterprise-notifications";

    /// <summary>The enterprise's pseudonymous subject id (never its unified social credit code).</summary>
    [Required]
    public required string EnterpriseId { get; init; }

    /// <summary>The matched policy.</summary>
    [Required]
    public required string PolicyId { get; init; }

    /// <summary>The matched policy version (a new version is a new notification).</summary>
    [Range(1, int.MaxValue)]
    public required int PolicyVersion { get; init; }

    /// <summary>The opt-out category the policy belongs to (e.g. <c>subsidies</c>, <c>tax-relief</c>).</summary>
    [Required]
    public required string Category { get; init; }

    /// <summary>Whether the data proves eligibility or leaves facts to confirm.</summary>
    public required MatchOutcome Outcome { get; init; }

    /// <summary>For <see cref="MatchOutcome.LikelyEligible"/>: the facts the enterprise is asked to confirm.</summary>
    public IReadOnlyList<string> FactsToConfirm { get; init; } = [];
}
