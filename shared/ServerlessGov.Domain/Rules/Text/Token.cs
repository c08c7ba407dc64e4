namespace ServerlessGov.Domain.Rules.Text;

/// <summary>A token with the line and column where it starts.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
{
    public string Location => $"line {Line}, column {Column}";

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
