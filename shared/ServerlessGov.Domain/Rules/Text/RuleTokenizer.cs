using System.Text;

namespace ServerlessGov.Domain.Rules.Text;

/// <summary>Splits the text form of a rule into tokens, tracking line and column; Chinese is allowed in strings.</summary>
internal static class RuleTokenizer
{
    private static readonly string[] TwoCharSymbols = ["<=", ">=", "!=", "=="];
    private const string OneCharSymbols = "()[],=<>+-*/";

    /// <exception cref="RuleException">An unexpected character or an unterminated string.</exception>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int line = 1, column = 1, i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                column = 1;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                Advance(1);
                continue;
            }

            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            var start = column;
            if (c is '"' or '“')
            {
                var closing = c == '"' ? '"' : '”';
                var value = new StringBuilder();
                Advance(1);
                while (true)
                {
                    if (i >= text.Length || text[i] == '\n')
                    {
                        throw Error(line, start, "this string is not closed; add the closing quote");
                    }

                    if (text[i] == closing)
                    {
                        Advance(1);
                        break;
                    }

                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        value.Append(text[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                        Advance(2);
                        continue;
                    }

                    value.Append(text[i]);
                    Advance(1);
                }

                tokens.Add(new Token(TokenKind.String, value.ToString(), line, start, column));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var from = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' || text[i] == '_'))
                {
                    Advance(1);
                }

                tokens.Add(new Token(TokenKind.Number, text[from..i].Replace("_", string.Empty, StringComparison.Ordinal), line, start, column));
                continue;
            }

            if (c == '$' || IsNameStart(c))
            {
                var isParameter = c == '$';
                if (isParameter)
                {
                    Advance(1);
                }

                var from = i;
                while (i < text.Length && (IsNamePart(text[i]) || (text[i] == '.' && i + 1 < text.Length && IsNameStart(text[i + 1]))))
                {
                    Advance(1);
                }

                if (from == i)
                {
                    throw Error(line, start, "'$' must be followed by a parameter name");
                }

                tokens.Add(new Token(isParameter ? TokenKind.Parameter : TokenKind.Identifier, text[from..i], line, start, column));
                continue;
            }

            if (i + 1 < text.Length && TwoCharSymbols.Contains(text.Substring(i, 2)))
            {
                tokens.Add(new Token(TokenKind.Symbol, text.Substring(i, 2), line, start, start + 2));
                Advance(2);
                continue;
            }

            if (OneCharSymbols.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), line, start, start + 1));
                Advance(1);
                continue;
            }

            throw Error(line, start, $"unexpected character '{c}'");
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, line, column, column));
        return tokens;

        void Advance(int count)
        {
            i += count;
            column += count;
        }
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static RuleException Error(int line, int column, string message) =>
        new(new RuleError($"line {line}, column {column}", "syntax", message) { End = $"line {line}, column {column + 1}" });
}
