namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>What an allowance does with a month.</summary>
public enum AllowanceDecisionKind
{
    /// <summary>Pay the month (prorated from the day eligibility began) through a case.</summary>
    Pay,

    /// <summary>The data cannot decide: the month's case goes to review.</summary>
    Review,

    /// <summary>Eligibility ended (death, move, rule no longer met): pay the days before the stop date, then stop.</summary>
    Stop,
}
