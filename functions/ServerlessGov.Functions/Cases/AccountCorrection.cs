namespace ServerlessGov.Functions.Cases;

/// <summary>A corrected payee account reference (pseudonymous, as <c>PayeeAccount</c> requires) after a failed or returned payment.</summary>
/// <param name="PayeeAccount">The account reference to pay instead.</param>
/// <param name="Attempt">The failed attempt this answers (<c>CaseProgress.Attempt</c>); null answers whichever failure the case waits on.</param>
public sealed record AccountCorrection(string PayeeAccount, int? Attempt = null);
