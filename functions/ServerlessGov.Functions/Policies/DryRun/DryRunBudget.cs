namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>The cost of one period's automatic payments (yuan, exact) against the policy's budget cap.</summary>
/// <param name="CostPerPeriod">The sum of the amounts paid automatically (or offered, on the fast-application track) for the period.</param>
/// <param name="BudgetCap">The cap, or null when the policy has none.</param>
/// <param name="WithinCap">True when one period's cost fits in the cap; null without a cap.</param>
/// <param name="PeriodsCovered">How many such periods the cap pays for; null without a cap or without cost.</param>
public sealed record DryRunBudget(decimal CostPerPeriod, decimal? BudgetCap, bool? WithinCap, long? PeriodsCovered);
