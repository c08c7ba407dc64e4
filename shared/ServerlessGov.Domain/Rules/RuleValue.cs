using System.Collections.Frozen;
using System.Globalization;

namespace ServerlessGov.Domain.Rules;

/// <summary>
/// A value a rule computes with: a bool, an exact number, a date, a text or a set of texts.
/// A small struct so subject facts can be held in flat arrays without boxing.
/// </summary>
public readonly struct RuleValue : IEquatable<RuleValue>
{
    private readonly decimal _number;
    private readonly object? _reference;
    private readonly int _small;

    private RuleValue(ValueKind kind, decimal number = 0, int small = 0, object? reference = null)
    {
        Kind = kind;
        _number = number;
        _small = small;
        _reference = reference;
    }

    /// <summary>The kind of value held.</summary>
    public ValueKind Kind { get; }

    /// <summary>The bool held.</summary>
    public bool AsBool => _small != 0;

    /// <summary>The number held.</summary>
    public decimal AsNumber => _number;

    /// <summary>The date held.</summary>
    public DateOnly AsDate => DateOnly.FromDayNumber(_small);

    /// <summary>The day number of the date held (fast comparisons).</summary>
    public int DayNumber => _small;

    /// <summary>The text held.</summary>
    public string AsText => (string)_reference!;

    /// <summary>The set held.</summary>
    public FrozenSet<string> AsSet => (FrozenSet<string>)_reference!;

    /// <summary>A bool value.</summary>
    public static RuleValue Bool(bool value) => new(ValueKind.Bool, small: value ? 1 : 0);

    /// <summary>A number value.</summary>
    public static RuleValue Number(decimal value) => new(ValueKind.Number, number: value);

    /// <summary>A date value.</summary>
    public static RuleValue Date(DateOnly value) => new(ValueKind.Date, small: value.DayNumber);

    /// <summary>A text value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static RuleValue Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ValueKind.Text, reference: value);
    }

    /// <summary>A set value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static RuleValue Set(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(ValueKind.Set, reference: values.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>Compares two values of the same kind (numbers, dates, texts ordinally).</summary>
    /// <exception cref="InvalidOperationException">The kinds differ or are not ordered.</exception>
    public int CompareTo(RuleValue other)
    {
        if (Kind != other.Kind)
        {
            throw new InvalidOperationException($"Cannot compare {Kind} with {other.Kind}.");
        }

        return Kind switch
        {
            ValueKind.Number => _number.CompareTo(other._number),
            ValueKind.Date or ValueKind.Bool => _small.CompareTo(other._small),
            ValueKind.Text => string.CompareOrdinal(AsText, other.AsText),
            _ => throw new InvalidOperationException($"{Kind} values are not ordered."),
        };
    }

    /// <inheritdoc />
    public bool Equals(RuleValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            ValueKind.None => true,
            ValueKind.Number => _number == other._number,
            ValueKind.Date or ValueKind.Bool => _small == other._small,
            ValueKind.Text => string.Equals(AsText, other.AsText, StringComparison.Ordinal),
            _ => AsSet.SetEquals(other.AsSet),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RuleValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ValueKind.Number => _number.GetHashCode(),
        ValueKind.Date or ValueKind.Bool => _small,
        ValueKind.Text => StringComparer.Ordinal.GetHashCode(AsText),
        ValueKind.Set => AsSet.Count,
        _ => 0,
    };

    /// <summary>Equality of values.</summary>
    public static bool operator ==(RuleValue left, RuleValue right) => left.Equals(right);

    /// <summary>Inequality of values.</summary>
    public static bool operator !=(RuleValue left, RuleValue right) => !left.Equals(right);

    /// <summary>The value as an author would write it: <c>true</c>, <c>72000</c>, <c>2026-03-01</c>, <c>余杭区</c>, <c>[a, b]</c>.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Bool => AsBool ? "true" : "false",
        ValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Date => AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ValueKind.Text => AsText,
        ValueKind.Set => "[" + string.Join(", ", AsSet.Order(StringComparer.Ordinal)) + "]",
        _ => "(none)",
    };
}
