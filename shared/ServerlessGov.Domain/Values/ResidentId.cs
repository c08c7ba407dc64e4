using System.Globalization;

namespace ServerlessGov.Domain.Values;

/// <summary>
/// An 18-digit resident identity number (GB 11643) with a valid ISO 7064 MOD 11-2 check character and birth date.
/// <see cref="ToString"/> is masked so the number is never printed in full by accident.
/// </summary>
public sealed record ResidentId
{
    private readonly string _value;

    private ResidentId(string value, DateOnly birthDate)
    {
        _value = value;
        BirthDate = birthDate;
    }

    /// <summary>The birth date embedded in the number.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>The first six digits: the administrative division of first registration.</summary>
    public string RegionCode => _value[..6];

    /// <summary>The masked form, e.g. <c>3301**********123X</c>, safe for screens and logs.</summary>
    public string Masked => string.Concat(_value.AsSpan(0, 4), "**********", _value.AsSpan(14, 4));

    /// <summary>Parses and validates a resident ID (a lowercase 'x' is accepted).</summary>
    /// <exception cref="FormatException">The text is not a valid resident ID; the message never repeats the number.</exception>
    public static ResidentId Parse(string text)
    {
        if (!TryParse(text, out var id, out var error))
        {
            throw new FormatException(error);
        }

        return id;
    }

    /// <summary>Validates a resident ID without throwing.</summary>
    public static bool TryParse(string? text, out ResidentId id) => TryParse(text, out id, out _);

    /// <summary>The ISO 7064 MOD 11-2 check character for the first 17 digits.</summary>
    /// <exception cref="ArgumentException">The input is not 17 digits.</exception>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Seventeen digits are required.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = first17[i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("Seventeen digits are required.", nameof(first17));
            }

            // Weight of position i is 2^(17-i) mod 11.
            sum += digit * (int)((1L << (17 - i)) % 11);
        }

        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>The full number, for the one place that must store or transmit it (never for logs or screens).</summary>
    public string ToUnmaskedString() => _value;

    /// <summary>The masked form; the full number is available only through <see cref="ToUnmaskedString"/>.</summary>
    public override string ToString() => Masked;

    private static bool TryParse(string? text, out ResidentId id, out string error)
    {
        id = null!;
        if (text is null || text.Length != 18)
        {
            error = "A resident ID has 18 characters.";
            return false;
        }

        var normalized = text.ToUpperInvariant();
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                error = $"Character {i + 1} of a resident ID must be a digit.";
                return false;
            }
        }

        if (CheckCharacter(normalized.AsSpan(0, 17)) != normalized[17])
        {
            error = "The resident ID's check character (ISO 7064 MOD 11-2) does not match.";
            return false;
        }

        if (!DateOnly.TryParseExact(normalized.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            error = "The resident ID's embedded birth date is not a valid date.";
            return false;
        }

        id = new ResidentId(normalized, birth);
        error = string.Empty;
        return true;
    }
}
