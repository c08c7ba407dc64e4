namespace ServerlessGov.Domain.Rules;

/// <summary>The runtime kind of a <see cref="RuleValue"/>.</summary>
public enum ValueKind : byte
{
    /// <summary>No value.</summary>
    None,

    /// <summary>True or false.</summary>
    Bool,

    /// <summary>An exact decimal (integers included).</summary>
    Number,

    /// <summary>A business date.</summary>
    Date,

    /// <summary>Text, including enum values.</summary>
    Text,

    /// <summary>A set of texts.</summary>
    Set,
}
