namespace ServerlessGov.Domain.Rules.Text;

/// <summary>The kinds of token in the text form of a rule.</summary>
internal enum TokenKind
{
    Identifier,
    Parameter,
    Number,
    String,
    Symbol,
    End,
}
