using System.Collections.Immutable;
using System.Globalization;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Rules.Text;

/// <summary>
/// Parses the text form staff type (e.g. <c>age_on(period_start) &gt;= 80 and not deceased</c>) into a rule tree,
/// by recursive descent: or &lt; and &lt; not &lt; comparison/in &lt; + - &lt; * / &lt; primary. The descent stops at
/// <see cref="RuleLimits.MaxDepth"/> levels of nesting and the tree it builds is checked against <see cref="RuleLimits"/>,
/// so no text can exhaust the stack here or in a later walk.
/// </summary>
public sealed class RuleParser
{
    private readonly List<Token> _tokens;
    private int _position;
    private int _depth;

    private RuleParser(List<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_position];

    /// <summary>Parses a whole rule or formula.</summary>
    /// <exception cref="RuleException">A syntax error, with its line and column, or a rule beyond <see cref="RuleLimits"/>.</exception>
    public static RuleNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new RuleParser(RuleTokenizer.Tokenize(text));
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new RuleException(new RuleError(parser.Current.Location, "syntax", "the rule is empty"));
        }

        var node = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected("'and', 'or' or the end of the rule");
        }

        RuleLimits.Enforce(node);
        return node;
    }

    private RuleNode ParseOr()
    {
        var first = Current;
        var left = ParseAnd();
        if (!Current.IsKeyword("or"))
        {
            return left;
        }

        var operands = ImmutableArray.CreateBuilder<RuleNode>();
        operands.Add(left);
        while (Current.IsKeyword("or"))
        {
            _position++;
            operands.Add(ParseAnd());
        }

        return new AnyNode(operands.ToImmutable()) { Location = first.Location, End = Previous.EndLocation };
    }

    private RuleNode ParseAnd()
    {
        var first = Current;
        var left = ParseNot();
        if (!Current.IsKeyword("and"))
        {
            return left;
        }

        var operands = ImmutableArray.CreateBuilder<RuleNode>();
        operands.Add(left);
        while (Current.IsKeyword("and"))
        {
            _position++;
            operands.Add(ParseNot());
        }

        return new AllNode(operands.ToImmutable()) { Location = first.Location, End = Previous.EndLocation };
    }

    private RuleNode ParseNot()
    {
        var token = Current;
        if (token.IsKeyword("not"))
        {
            _position++;
            Enter();
            var operand = ParseNot();
            _depth--;
            return new NotNode(operand) { Location = token.Location, End = Previous.EndLocation };
        }

        return ParseComparison();
    }

    private RuleNode ParseComparison()
    {
        var first = Current;
        var left = ParseAdditive();
        var token = Current;
        if (token.Kind == TokenKind.Symbol && FunctionNames.TryParse(token.Text, out CompareOperator op))
        {
            _position++;
            return new CompareNode(op, left, ParseAdditive()) { Location = first.Location, End = Previous.EndLocation };
        }

        if (token.IsKeyword("in"))
        {
            _position++;
            return new InNode(left, ParseAdditive()) { Location = first.Location, End = Previous.EndLocation };
        }

        if (token.IsKeyword("not") && _tokens[_position + 1].IsKeyword("in"))
        {
            _position += 2;
            return new NotNode(new InNode(left, ParseAdditive()) { Location = first.Location, End = Previous.EndLocation }) { Location = token.Location, End = Previous.EndLocation };
        }

        return left;
    }

    private RuleNode ParseAdditive()
    {
        var first = Current;
        var left = ParseMultiplicative();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "+" or "-")
        {
            var op = Current.Text == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract;
            _position++;
            left = new ArithmeticNode(op, left, ParseMultiplicative()) { Location = first.Location, End = Previous.EndLocation };
        }

        return left;
    }

    private RuleNode ParseMultiplicative()
    {
        var first = Current;
        var left = ParsePrimary();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "*" or "/")
        {
            var op = Current.Text == "*" ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide;
            _position++;
            left = new ArithmeticNode(op, left, ParsePrimary()) { Location = first.Location, End = Previous.EndLocation };
        }

        return left;
    }

    private RuleNode ParsePrimary()
    {
        Enter();
        var node = ParseNested();
        _depth--;
        return node;
    }

    /// <summary>Counts one more level of nesting; past the limit the parse stops before the stack can run out.</summary>
    private void Enter()
    {
        if (++_depth > RuleLimits.MaxDepth)
        {
            throw new RuleException(RuleLimits.TooDeep(Current.Location));
        }
    }

    private RuleNode ParseNested()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _position++;
                return new LiteralNode(RuleValue.Number(ParseNumber(token))) { Location = token.Location, End = Previous.EndLocation };
            case TokenKind.String:
                _position++;
                return new LiteralNode(RuleValue.Text(token.Text)) { Location = token.Location, End = Previous.EndLocation };
            case TokenKind.Parameter:
                _position++;
                return new ParameterNode(token.Text) { Location = token.Location, End = Previous.EndLocation };
            case TokenKind.Symbol when token.Text == "-" && _tokens[_position + 1].Kind == TokenKind.Number:
                _position++;
                var number = Current;
                _position++;
                return new LiteralNode(RuleValue.Number(-ParseNumber(number))) { Location = token.Location, End = Previous.EndLocation };
            case TokenKind.Symbol when token.Text == "(":
                _position++;
                var inner = ParseOr();
                Expect(")");
                return inner;
            case TokenKind.Symbol when token.Text == "[":
                return ParseList();
            case TokenKind.Identifier:
                return ParseName();
            default:
                throw Unexpected("a fact, a value, '(' or 'not'");
        }
    }

    private ListNode ParseList()
    {
        var open = Current;
        _position++;
        var items = ImmutableArray.CreateBuilder<RuleNode>();
        if (!Current.Is(TokenKind.Symbol, "]"))
        {
            items.Add(ParseAdditive());
            while (Current.Is(TokenKind.Symbol, ","))
            {
                _position++;
                items.Add(ParseAdditive());
            }
        }

        Expect("]");
        return new ListNode(items.ToImmutable()) { Location = open.Location, End = Previous.EndLocation };
    }

    private RuleNode ParseName()
    {
        var token = Current;
        _position++;
        switch (token.Text)
        {
            case "true" or "false":
                return new LiteralNode(RuleValue.Bool(token.Text == "true")) { Location = token.Location, End = Previous.EndLocation };
            case "and" or "or" or "in":
                _position--;
                throw Unexpected("a fact or a value");
            case "exists":
                Expect("(");
                var fact = Current;
                if (fact.Kind != TokenKind.Identifier)
                {
                    throw Unexpected("a fact name");
                }

                _position++;
                Expect(")");
                return new ExistsNode(fact.Text) { Location = token.Location, End = Previous.EndLocation };
            case "date":
                Expect("(");
                var text = Current;
                if (text.Kind != TokenKind.String
                    || !DateOnly.TryParseExact(text.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw new RuleException(new RuleError(text.Location, "syntax", "date(...) takes a date in quotes, e.g. date(\"2026-03-01\")") { End = text.EndLocation });
                }

                _position++;
                Expect(")");
                return new LiteralNode(RuleValue.Date(date)) { Location = token.Location, End = Previous.EndLocation };
        }

        if (FunctionNames.TryParse(token.Text, out DateReference reference))
        {
            return new DateReferenceNode(reference) { Location = token.Location, End = Previous.EndLocation };
        }

        if (!Current.Is(TokenKind.Symbol, "("))
        {
            return new FactNode(token.Text) { Location = token.Location, End = Previous.EndLocation };
        }

        if (!FunctionNames.TryParse(token.Text, out RuleFunction function))
        {
            var known = Enum.GetValues<RuleFunction>().Select(FunctionNames.Of);
            throw new RuleException(new RuleError(token.Location, "syntax", $"unknown function '{token.Text}'{NameSuggestions.Hint(token.Text, known)}") { End = token.EndLocation });
        }

        _position++;
        var arguments = ImmutableArray.CreateBuilder<RuleNode>();
        if (!Current.Is(TokenKind.Symbol, ")"))
        {
            arguments.Add(ParseAdditive());
            while (Current.Is(TokenKind.Symbol, ","))
            {
                _position++;
                arguments.Add(ParseAdditive());
            }
        }

        Expect(")");
        return new CallNode(function, arguments.ToImmutable()) { Location = token.Location, End = Previous.EndLocation };
    }

    private static decimal ParseNumber(Token token) =>
        decimal.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RuleException(new RuleError(token.Location, "syntax", $"'{token.Text}' is not a number") { End = token.EndLocation });

    private void Expect(string symbol)
    {
        if (!Current.Is(TokenKind.Symbol, symbol))
        {
            throw Unexpected($"'{symbol}'");
        }

        _position++;
    }

    private RuleException Unexpected(string expected) =>
        new(new RuleError(Current.Location, "syntax", $"expected {expected} but found {Current.Describe()}") { End = Current.EndLocation });

    // The last token consumed: a node built after its operands ends where that token ends.
    private Token Previous => _tokens[_position - 1];
}
