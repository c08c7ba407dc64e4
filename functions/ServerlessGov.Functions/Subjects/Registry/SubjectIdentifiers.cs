using System.Text;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// Validates and normalises the identity a record names: a resident ID (GB 11643, MOD 11-2), a unified social credit
/// code (GB 32100) or a household number (户号). Error texts never repeat the identifier.
/// </summary>
public static class SubjectIdentifiers
{
    /// <summary>The longest household number accepted.</summary>
    public const int MaxHouseholdNumberLength = 32;

    /// <summary>Parses a subject kind as records spell it (<c>resident</c>, <c>household</c>, <c>enterprise</c>).</summary>
    public static bool TryParseKind(ReadOnlySpan<char> text, out SubjectKind kind)
    {
        if (text.Equals("resident", StringComparison.OrdinalIgnoreCase))
        {
            kind = SubjectKind.Resident;
            return true;
        }

        if (text.Equals("household", StringComparison.OrdinalIgnoreCase))
        {
            kind = SubjectKind.Household;
            return true;
        }

        if (text.Equals("enterprise", StringComparison.OrdinalIgnoreCase))
        {
            kind = SubjectKind.Enterprise;
            return true;
        }

        kind = default;
        return false;
    }

    /// <summary>The spelling of a kind in records and responses.</summary>
    public static string Name(SubjectKind kind) => kind switch
    {
        SubjectKind.Resident => "resident",
        SubjectKind.Household => "household",
        SubjectKind.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
    };

    /// <summary>Validates an identifier of <paramref name="kind"/>; on success gives its normal form (upper case).</summary>
    public static bool TryNormalize(SubjectKind kind, string? identifier, out string normalized, out string rule)
    {
        normalized = string.Empty;
        switch (kind)
        {
            case SubjectKind.Resident:
                if (ResidentId.TryParse(identifier, out var resident))
                {
                    normalized = resident.ToUnmaskedString();
                    rule = string.Empty;
                    return true;
                }

                rule = "must be an 18-digit resident ID with a valid birth date and ISO 7064 MOD 11-2 check character";
                return false;
            case SubjectKind.Enterprise:
                if (UnifiedSocialCreditCode.TryParse(identifier, out var code))
                {
                    normalized = code.ToUnmaskedString();
                    rule = string.Empty;
                    return true;
                }

                rule = "must be an 18-character unified social credit code with a valid GB 32100 check character";
                return false;
            default:
                // Household numbers are written in letters, digits and Chinese characters (浙杭余字第000123号); full-width
                // forms are folded to their ordinary ones, so the same number typed either way is one household.
                var folded = identifier?.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
                if (IsHouseholdNumber(folded))
                {
                    normalized = folded!;
                    rule = string.Empty;
                    return true;
                }

                rule = $"must be a household number of 4-{MaxHouseholdNumberLength} letters (Chinese characters included) and digits";
                return false;
        }
    }

    /// <summary>The masked form of a normalised identifier, safe for responses and logs.</summary>
    public static string Mask(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length == 18 && Ascii.IsValid(normalized))
        {
            return string.Concat(normalized.AsSpan(0, 4), "**********", normalized.AsSpan(14, 4));
        }

        var runes = normalized.EnumerateRunes().ToArray();
        return runes.Length <= 4
            ? "****"
            : string.Concat(string.Concat(runes[..2]), new string('*', runes.Length - 4), string.Concat(runes[^2..]));
    }

    private static bool IsHouseholdNumber(string? text)
    {
        if (text is null || !text.IsNormalized(NormalizationForm.FormKC))
        {
            return false;
        }

        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune) || ++count > MaxHouseholdNumberLength)
            {
                return false;
            }
        }

        return count >= 4;
    }
}
