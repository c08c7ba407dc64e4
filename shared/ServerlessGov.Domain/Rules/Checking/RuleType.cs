using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Domain.Rules.Checking;

/// <summary>The static type of an expression: its kind, unit (numbers), enum fact (texts) and element type (lists).</summary>
public sealed record RuleType(TypeKind Kind, string? Unit = null, FactDefinition? EnumFact = null, RuleType? Element = null)
{
    internal static readonly RuleType Bool = new(TypeKind.Bool);
    internal static readonly RuleType Date = new(TypeKind.Date);
    internal static readonly RuleType Text = new(TypeKind.Text);
    internal static readonly RuleType Set = new(TypeKind.Set);
    internal static readonly RuleType Error = new(TypeKind.Error);

    internal static RuleType Number(string? unit) => new(TypeKind.Number, unit);

    /// <summary>How an author would name the type in an error message.</summary>
    public string Describe() => Kind switch
    {
        TypeKind.Number => Unit is null ? "a number" : $"a number in {Unit}",
        TypeKind.Bool => "a condition (true/false)",
        TypeKind.Date => "a date",
        TypeKind.Text => EnumFact is null ? "text" : $"a value of {EnumFact.Name}",
        TypeKind.Set => "a set",
        TypeKind.List => "a list",
        _ => "an invalid expression",
    };
}
