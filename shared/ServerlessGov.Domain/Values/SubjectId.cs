namespace ServerlessGov.Domain.Values;

/// <summary>
/// The pseudonymous id of a resident, household or enterprise inside ServerlessGov: it links facts and payments
/// without carrying the identity number itself.
/// </summary>
public readonly record struct SubjectId : IComparable<SubjectId>
{
    /// <summary>Creates an id of 4–64 ASCII letters, digits, '-' or '_' that is not itself an identity number.</summary>
    /// <exception cref="ArgumentException">The value is malformed or looks like a resident ID or credit code.</exception>
    public SubjectId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is < 4 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("A subject id has 4-64 characters from A-Z, a-z, 0-9, '-' and '_'.", nameof(value));
        }

        if (ResidentId.TryParse(value, out _) || UnifiedSocialCreditCode.TryParse(value, out _))
        {
            throw new ArgumentException("A subject id must be pseudonymous, not an identity number.", nameof(value));
        }

        Value = value;
    }

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
