namespace ServerlessGov.Functions.Payouts;

/// <summary>The one rule for idempotency keys, shared by the ledger, the gateways and the sandbox bank.</summary>
public static class IdempotencyKeys
{
    /// <summary>The longest key.</summary>
    public const int MaxLength = 100;

    /// <summary>True when <paramref name="key"/> has 8–100 characters from A-Z, a-z, 0-9, '-', '_', '.' and ':'.</summary>
    public static bool IsValid(string? key) =>
        key is { Length: >= 8 and <= MaxLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    /// <summary>Guards a key at a public boundary.</summary>
    /// <exception cref="ArgumentException">The key breaks <see cref="IsValid"/>.</exception>
    public static void Validate(string? key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException(Rule, nameof(key));
        }
    }

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "An idempotency key has 8-100 characters from A-Z, a-z, 0-9, '-', '_', '.' and ':'.";
}
