namespace ServerlessGov.Domain.Values;

/// <summary>
/// An enterprise's 18-character unified social credit code (GB 32100-2015) with a valid check character.
/// <see cref="ToString"/> is masked.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    /// <summary>The 31 characters a code may use (no I, O, S, V, Z).</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private readonly string _value;

    private UnifiedSocialCreditCode(string value) => _value = value;

    /// <summary>The masked form, e.g. <c>9133**********0X4B</c>.</summary>
    public string Masked => string.Concat(_value.AsSpan(0, 4), "**********", _value.AsSpan(14, 4));

    /// <summary>The six-digit administrative division (characters 3–8).</summary>
    public string RegionCode => _value.Substring(2, 6);

    /// <summary>Parses and validates a code (lowercase accepted).</summary>
    /// <exception cref="FormatException">The text is not a valid code; the message never repeats it.</exception>
    public static UnifiedSocialCreditCode Parse(string text)
    {
        if (!TryParse(text, out var code, out var error))
        {
            throw new FormatException(error);
        }

        return code;
    }

    /// <summary>Validates a code without throwing.</summary>
    public static bool TryParse(string? text, out UnifiedSocialCreditCode code) => TryParse(text, out code, out _);

    /// <summary>The check character for the first 17 characters.</summary>
    /// <exception cref="ArgumentException">The input is not 17 characters of the charset.</exception>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Seventeen characters are required.", nameof(first17));
        }

        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++)
        {
            var value = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException("Characters must come from the GB 32100 charset.", nameof(first17));
            }

            sum += value * weight;
            weight = weight * 3 % 31;
        }

        var check = (31 - (sum % 31)) % 31;
        return Charset[check];
    }

    /// <summary>The full code, for storage and transmission only.</summary>
    public string ToUnmaskedString() => _value;

    /// <summary>The masked form.</summary>
    public override string ToString() => Masked;

    private static bool TryParse(string? text, out UnifiedSocialCreditCode code, out string error)
    {
        code = null!;
        if (text is null || text.Length != 18)
        {
            error = "A unified social credit code has 18 characters.";
            return false;
        }

        var normalized = text.ToUpperInvariant();
        foreach (var c in normalized)
        {
            if (!Charset.Contains(c, StringComparison.Ordinal))
            {
                error = "A unified social credit code uses only 0-9 and A-Y without I, O, S, V, Z.";
                return false;
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                error = "Characters 3 to 8 of a unified social credit code are a region code of digits.";
                return false;
            }
        }

        if (CheckCharacter(normalized.AsSpan(0, 17)) != normalized[17])
        {
            error = "The unified social credit code's check character (GB 32100-2015) does not match.";
            return false;
        }

        code = new UnifiedSocialCreditCode(normalized);
        error = string.Empty;
        return true;
    }
}
