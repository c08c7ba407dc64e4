namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>One payment in the bank's own table.</summary>
internal sealed record ChaosBankPayment(string IdempotencyKey, string PayeeAccount, string Purpose, long AmountFen, string Status, int Requests);
