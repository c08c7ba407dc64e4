using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.Cases;

/// <summary>Timings and routing of cases (configuration section <c>Cases</c>). Read by activities, never by orchestrators.</summary>
public sealed class CaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cases";

    /// <summary>How long a resident has to answer an intention confirmation (<c>Cases:ConfirmationWindow</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ConfirmationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The rule when no answer arrives in time (<c>Cases:PayWithoutAnswer</c>): under 告知承诺 the resident was told and
    /// did not object, so the default pays; false closes the case as declined.
    /// </summary>
    public bool PayWithoutAnswer { get; set; } = true;

    /// <summary>How often a case asks the bank when no callback arrives (<c>Cases:SettlementPollInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SettlementPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait before asking again when the bank did not answer (doubles up to ten times this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan PaymentRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a resident has to give a corrected account after a failed payment before review (<c>Cases:CorrectionWindow</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "365.00:00:00")]
    public TimeSpan CorrectionWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a settled payment is watched for a return before the case completes (<c>Cases:ReturnWatch</c>; zero: not watched).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ReturnWatch { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often a case waiting for budget tries again without being told (<c>Cases:BudgetRecheck</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "30.00:00:00")]
    public TimeSpan BudgetRecheck { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The reviewer group unknown cases are routed to (<c>Cases:ReviewGroup</c>).</summary>
    [Required]
    public string ReviewGroup { get; set; } = "benefits";

    /// <summary>
    /// Who is told when a budget cap is reached or an allowance was overpaid (<c>Cases:StaffRecipient</c>): a staff user
    /// id, or by default the shared inbox of every policy author (<c>role:policy-author</c>).
    /// </summary>
    [Required]
    public string StaffRecipient { get; set; } = "role:policy-author";

    /// <summary>How many subjects one shard activity decides and starts at once (<c>Cases:StartConcurrency</c>).</summary>
    [Range(1, 256)]
    public int StartConcurrency { get; set; } = 16;
}
