using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// What a payout is for: one policy, one beneficiary, one period. There is at most one payout per key, ever: the
/// ledger finds it by <see cref="LedgerId"/>, so every retry, re-run and new policy version lands on the same record.
/// The key the bank knows it by is keyed with a secret (<see cref="PayoutKeySigner"/>) and kept on the record.
/// </summary>
public readonly record struct PayoutKey
{
    /// <summary>Creates a key.</summary>
    /// <param name="policyId">The policy's stable id (not its version): 1–64 of A-Z, a-z, 0-9, '-', '_'.</param>
    /// <param name="beneficiary">The pseudonymous subject paid.</param>
    /// <param name="period">The period paid, e.g. <c>2026-11</c> for a month or <c>once</c> for a one-off: 1–32 of A-Z, a-z, 0-9, '-', '_'.</param>
    /// <exception cref="ArgumentException">A part is malformed.</exception>
    public PayoutKey(string policyId, SubjectId beneficiary, string period)
    {
        RequireToken(policyId, 64, nameof(policyId));
        RequireToken(period, 32, nameof(period));
        if (beneficiary.Value is null)
        {
            throw new ArgumentException("A beneficiary is required.", nameof(beneficiary));
        }

        PolicyId = policyId;
        Beneficiary = beneficiary;
        Period = period;
    }

    /// <summary>The policy's stable id.</summary>
    public string PolicyId { get; }

    /// <summary>The subject paid.</summary>
    public SubjectId Beneficiary { get; }

    /// <summary>The period paid.</summary>
    public string Period { get; }

    /// <summary>
    /// The ledger's own id of this payout: <c>po-</c> and 40 hex digits of SHA-256 over the three parts. Anyone can
    /// compute it, so it never leaves the app (payouts registered before keys were keyed used it at the bank too, and
    /// keep it there). It does not depend on any secret, so the ledger stays exactly-once across a change of secret.
    /// </summary>
    public string LedgerId
    {
        get
        {
            var text = string.Join('\n', "payout/v1", PolicyId, Beneficiary.Value, Period);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
            return "po-" + Convert.ToHexStringLower(hash, 0, 20);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{PolicyId}/{Period}";

    private static void RequireToken(string value, int maxLength, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0 || value.Length > maxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{name}' has 1-{maxLength} characters from A-Z, a-z, 0-9, '-' and '_'.", name);
        }
    }
}
