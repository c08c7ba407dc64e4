namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>A node of a rule's expression tree; the text and JSON forms both parse to these nodes.</summary>
public abstract record RuleNode
{
    /// <summary>Where the node came from (line/column in text, JSON path in JSON), for error messages.</summary>
    public string Location { get; init; } = string.Empty;

    /// <summary>In the text form, where the node ends: the line and column just past its last character (empty for JSON), so an error can mark its exact span.</summary>
    public string End { get; init; } = string.Empty;
}
