namespace ServerlessGov.Storage.Tables;

/// <summary>
/// A typed filter over entity properties, built as an object tree so that no caller ever concatenates a filter
/// string; each adapter translates it (and escapes values) itself. <c>PartitionKey</c>, <c>RowKey</c> and
/// <c>Timestamp</c> name the system properties.
/// </summary>
/// <remarks>
/// A comparison with a property the entity lacks, or holds with another type, is false: an <c>int</c> value only
/// matches an <c>int</c> property, a <c>long</c> only a <c>long</c> one. Strings compare ordinally.
/// </remarks>
public abstract record TableFilter
{
    private protected TableFilter()
    {
    }

    public static TableFilter Equal(string property, object value) => new TableComparison(property, TableComparisonOperator.Equal, value);

    public static TableFilter NotEqual(string property, object value) => new TableComparison(property, TableComparisonOperator.NotEqual, value);

    public static TableFilter GreaterThan(string property, object value) => new TableComparison(property, TableComparisonOperator.GreaterThan, value);

    public static TableFilter GreaterThanOrEqual(string property, object value) => new TableComparison(property, TableComparisonOperator.GreaterThanOrEqual, value);

    public static TableFilter LessThan(string property, object value) => new TableComparison(property, TableComparisonOperator.LessThan, value);

    public static TableFilter LessThanOrEqual(string property, object value) => new TableComparison(property, TableComparisonOperator.LessThanOrEqual, value);

    /// <summary>Both must hold.</summary>
    public static TableFilter And(TableFilter left, TableFilter right) => new TableAnd(left, right);

    /// <summary>Either must hold.</summary>
    public static TableFilter Or(TableFilter left, TableFilter right) => new TableOr(left, right);

    /// <summary>The operand must not hold.</summary>
    public static TableFilter Not(TableFilter operand) => new TableNot(operand);

    public static TableFilter operator &(TableFilter left, TableFilter right) => And(left, right);

    public static TableFilter operator |(TableFilter left, TableFilter right) => Or(left, right);

    public static TableFilter operator !(TableFilter operand) => Not(operand);

    public static TableFilter BitwiseAnd(TableFilter left, TableFilter right) => And(left, right);

    public static TableFilter BitwiseOr(TableFilter left, TableFilter right) => Or(left, right);

    public static TableFilter LogicalNot(TableFilter operand) => Not(operand);
}

/// <summary>The comparison a <see cref="TableComparison"/> makes.</summary>
public enum TableComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

/// <summary>A property compared with a typed value.</summary>
public sealed record TableComparison : TableFilter
{
    public TableComparison(string property, TableComparisonOperator @operator, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        ArgumentNullException.ThrowIfNull(value);
        if (value is DateTime)
        {
            throw new ArgumentException($"Filter on '{property}' uses a DateTime; use DateTimeOffset.", nameof(value));
        }

        if (value is not (string or int or long or double or bool or DateTimeOffset or Guid or byte[]))
        {
            throw new ArgumentException($"Filter on '{property}' has an unsupported value type {value.GetType().Name}.", nameof(value));
        }

        Property = property;
        Operator = @operator;
        Value = value is DateTimeOffset instant ? instant.ToUniversalTime() : value;
    }

    public string Property { get; }

    public TableComparisonOperator Operator { get; }

    public object Value { get; }
}

/// <summary>Conjunction of two filters.</summary>
public sealed record TableAnd(TableFilter Left, TableFilter Right) : TableFilter;

/// <summary>Disjunction of two filters.</summary>
public sealed record TableOr(TableFilter Left, TableFilter Right) : TableFilter;

/// <summary>Negation of a filter.</summary>
public sealed record TableNot(TableFilter Operand) : TableFilter;
