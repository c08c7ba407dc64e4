namespace ServerlessGov.Domain.Dictionary;

/// <summary>The declared type of a fact in the data dictionary; rules are type-checked against it.</summary>
#pragma warning disable CA1720 // The members mirror the type names authors write in dictionary.json.
public enum FactType
{
    /// <summary>True or false.</summary>
    Bool,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>An exact decimal number.</summary>
    Decimal,

    /// <summary>A business date (Asia/Shanghai).</summary>
    Date,

    /// <summary>Free text.</summary>
    String,

    /// <summary>One of a closed list of values.</summary>
    Enum,

    /// <summary>A set of tags.</summary>
    Set,
}
#pragma warning restore CA1720
