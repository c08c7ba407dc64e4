namespace ServerlessGov.Domain.Rules.Checking;

/// <summary>The static kinds the type checker distinguishes.</summary>
public enum TypeKind
{
    /// <summary>A truth value (a clause).</summary>
    Bool,

    /// <summary>A number, with an optional unit.</summary>
    Number,

    /// <summary>A date.</summary>
    Date,

    /// <summary>Text (free or an enum value).</summary>
    Text,

    /// <summary>A set of texts.</summary>
    Set,

    /// <summary>A literal list.</summary>
    List,

    /// <summary>An expression that already had an error; suppresses follow-on errors.</summary>
    Error,
}
