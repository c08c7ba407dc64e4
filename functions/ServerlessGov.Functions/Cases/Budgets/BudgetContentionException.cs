namespace ServerlessGov.Functions.Cases.Budgets;

/// <summary>
/// A budget reservation or release lost the race for the policy's total row too many times in a row (other processes
/// kept writing it). Nothing was reserved or released; trying again later is safe.
/// </summary>
public sealed class BudgetContentionException : InvalidOperationException
{
    public BudgetContentionException()
    {
    }

    public BudgetContentionException(string message)
        : base(message)
    {
    }

    public BudgetContentionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The contention failure for a policy.</summary>
    public static BudgetContentionException For(string policyId) =>
        new($"The budget of policy {policyId} is under too much contention; try again.");
}
