using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// A pseudonymous reference to the account a payout goes to (a token the bank resolves), so that no identity number
/// or raw account number travels with a payment instruction or sits in the ledger.
/// </summary>
public readonly record struct PayeeAccount
{
    /// <summary>Creates a reference of 4–64 ASCII letters, digits, '-' or '_' that is not an identity number.</summary>
    /// <exception cref="ArgumentException">The value is malformed or is a resident ID or credit code.</exception>
    public PayeeAccount(string value)
    {
        if (!IsValid(value, out var rule))
        {
            throw new ArgumentException(rule, nameof(value));
        }

        Value = value;
    }

    /// <summary>The reference text.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="value"/> is a valid reference; otherwise <paramref name="rule"/> says which rule it breaks.</summary>
    public static bool IsValid(string? value, out string rule)
    {
        if (value is null || value.Length is < 4 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            rule = "An account reference has 4-64 characters from A-Z, a-z, 0-9, '-' and '_'.";
            return false;
        }

        if (ResidentId.TryParse(value, out _) || UnifiedSocialCreditCode.TryParse(value, out _))
        {
            rule = "An account reference must be pseudonymous, not an identity number.";
            return false;
        }

        rule = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
