namespace ServerlessGov.Functions.Payouts;

/// <summary>A ledger write that would move a payout backwards or out of a final state, or change what it pays.</summary>
public sealed class PayoutTransitionException : InvalidOperationException
{
    public PayoutTransitionException()
    {
    }

    public PayoutTransitionException(string message)
        : base(message)
    {
    }

    public PayoutTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
