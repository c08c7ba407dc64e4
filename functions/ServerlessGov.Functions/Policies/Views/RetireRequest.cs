namespace ServerlessGov.Functions.Policies.Views;

/// <summary>Why a version is retired; recorded on the version and in the audit trail.</summary>
/// <param name="Reason">A sentence for auditors (1–500 characters).</param>
public sealed record RetireRequest(string? Reason);
