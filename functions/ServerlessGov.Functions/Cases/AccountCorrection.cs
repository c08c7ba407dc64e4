namespace ServerlessGov.Functions.Cases;

/// <summary>A corrected payee account reference (pseudonymous, as <c>PayeeAccount</c> requires) after a failed or returned payment.</summary>
public sealed record AccountCorrection(string PayeeAccount);
