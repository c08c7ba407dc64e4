using System.Globalization;

namespace ServerlessGov.Domain.Values;

/// <summary>The version of a published policy; versions start at 1 and a published version never changes.</summary>
public readonly record struct PolicyVersion : IComparable<PolicyVersion>
{
    /// <summary>Creates a version.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is not positive.</exception>
    public PolicyVersion(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Number = number;
    }

    /// <summary>The version number (1, 2, …).</summary>
    public int Number { get; }

    /// <summary>The version after this one.</summary>
    public PolicyVersion Next() => new(checked(Number + 1));

    /// <summary>Parses <c>3</c> or <c>v3</c>.</summary>
    /// <exception cref="FormatException">The text is not a positive version.</exception>
    public static PolicyVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith('v') ? text[1..] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw new FormatException($"'{text}' is not a policy version such as v3.");
        }

        return new PolicyVersion(number);
    }

    /// <summary>Compares versions.</summary>
    public static bool operator <(PolicyVersion left, PolicyVersion right) => left.Number < right.Number;

    /// <summary>Compares versions.</summary>
    public static bool operator >(PolicyVersion left, PolicyVersion right) => left.Number > right.Number;

    /// <summary>Compares versions.</summary>
    public static bool operator <=(PolicyVersion left, PolicyVersion right) => left.Number <= right.Number;

    /// <summary>Compares versions.</summary>
    public static bool operator >=(PolicyVersion left, PolicyVersion right) => left.Number >= right.Number;

    /// <inheritdoc />
    public int CompareTo(PolicyVersion other) => Number.CompareTo(other.Number);

    /// <summary>Formats as <c>v3</c>.</summary>
    public override string ToString() => "v" + Number.ToString(CultureInfo.InvariantCulture);
}
