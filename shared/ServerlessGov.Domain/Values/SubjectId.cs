namespace ServerlessGov.Domain.Values;

/// <summary>
/// The pseudonymous id of a resident, household or enterprise inside ServerlessGov: it links facts and payments
/// without carrying the identity number itself.
/// </summary>
public readonly record struct SubjectId : IComparable<SubjectId>
{
    /// <summary>Creates an id of 4–64 ASCII letters, digits, '-' or '_' that is not itself an identity number (<see cref="LooksLikeIdentityNumber"/>).</summary>
    /// <exception cref="ArgumentException">The value is malformed or looks like a resident ID or credit code.</exception>
    public SubjectId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is < 4 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("A subject id has 4-64 characters from A-Z, a-z, 0-9, '-' and '_'.", nameof(value));
        }

        if (LooksLikeIdentityNumber(value))
        {
            throw new ArgumentException("A subject id must be pseudonymous, not an identity number.", nameof(value));
        }

        Value = value;
    }

    /// <summary>
    /// True for text shaped like a resident ID (18 characters: 17 digits and a digit or X; or the old 15 digits) or a
    /// unified social credit code (18 of its characters, the 3rd to 8th a region code), whether or not its check
    /// character is right: a mistyped identity number is still personal data, never an id to echo or log.
    /// </summary>
    public static bool LooksLikeIdentityNumber(string? text) => text switch
    {
        { Length: 15 } => Digits(text),
        { Length: 18 } => (Digits(text.AsSpan(0, 17)) && text[17] is (>= '0' and <= '9') or 'X' or 'x')
            || (text.All(c => UnifiedSocialCreditCode.Charset.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal)) && Digits(text.AsSpan(2, 6))),
        _ => false,
    };

    private static bool Digits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public int CompareTo(SubjectId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Compares ids ordinally.</summary>
    public static bool operator <(SubjectId left, SubjectId right) => left.CompareTo(right) < 0;

    /// <summary>Compares ids ordinally.</summary>
    public static bool operator >(SubjectId left, SubjectId right) => left.CompareTo(right) > 0;

    /// <summary>Compares ids ordinally.</summary>
    public static bool operator <=(SubjectId left, SubjectId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares ids ordinally.</summary>
    public static bool operator >=(SubjectId left, SubjectId right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
