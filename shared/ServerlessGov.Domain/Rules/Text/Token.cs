namespace ServerlessGov.Domain.Rules.Text;

/// <summary>A token with the line and column where it starts, and the column just past its last character (a token never spans lines).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, int EndColumn)
{
    public string Location => $"line {Line}, column {Column}";

    public string EndLocation => $"line {Line}, column {EndColumn}";

    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && Text == keyword;

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the rule",
        TokenKind.String => $"\"{Text}\"",
        TokenKind.Parameter => "$" + Text,
        _ => $"'{Text}'",
    };
}
