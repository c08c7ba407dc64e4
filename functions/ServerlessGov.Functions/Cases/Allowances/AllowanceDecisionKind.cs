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

    /// <summary>
    /// Eligible, but another candidate receives the month (a better benefit of the exclusion group, another member of
    /// the household, or a benefit that already holds the month): nothing is paid for it, and the allowance goes on to
    /// decide the next month, so it takes over when the other one ends.
    /// </summary>
    Outranked,
}
