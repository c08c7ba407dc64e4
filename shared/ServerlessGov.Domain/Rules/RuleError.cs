namespace ServerlessGov.Domain.Rules;

/// <summary>One problem with a rule, naming where it is (line/column or JSON path) and which rule of the language it breaks.</summary>
/// <param name="Location">Line and column in the text form, or the JSON path in the JSON form.</param>
/// <param name="Code">A stable code: <c>syntax</c>, <c>unknown_fact</c>, <c>unknown_parameter</c>, <c>type_mismatch</c>, <c>unit_mismatch</c>, <c>wrong_subject</c>, <c>unknown_enum_value</c>, <c>arity</c>.</param>
/// <param name="Message">What is wrong and how to fix it, for a policy author.</param>
public sealed record RuleError(string Location, string Code, string Message)
{
    /// <summary>In the text form, where the offending text ends (line and column just past it); null when unknown or for JSON.</summary>
    public string? End { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message} [{Code}]";
}
