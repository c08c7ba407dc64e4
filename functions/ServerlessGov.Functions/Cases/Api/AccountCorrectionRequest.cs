namespace ServerlessGov.Functions.Cases.Api;

/// <summary>The body of <c>POST cases/{policyId}/{subjectId}/{period}/account</c>: the account to pay after a failed or returned payment.</summary>
/// <param name="PayeeAccount">A pseudonymous account reference (4–64 of A-Z, a-z, 0-9, '-', '_'; never an identity number). Required.</param>
public sealed record AccountCorrectionRequest(string? PayeeAccount);
