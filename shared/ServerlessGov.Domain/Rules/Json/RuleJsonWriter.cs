using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Rules.Json;

/// <summary>Writes a rule tree in its JSON form (the inverse of <see cref="RuleJsonReader"/>).</summary>
public static class RuleJsonWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON form as a node.</summary>
    /// <exception cref="NotSupportedException">The tree holds a set literal.</exception>
    /// <exception cref="RuleException">The tree breaks <see cref="RuleLimits"/>.</exception>
    public static JsonNode ToJson(RuleNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        RuleLimits.Enforce(node);
        return Node(node);
    }

    private static JsonNode Node(RuleNode node) =>
        node switch
        {
            AllNode all => One("all", Many(all.Operands)),
            AnyNode any => One("any", Many(any.Operands)),
            NotNode not => One("not", Node(not.Operand)),
            CompareNode compare => One(FunctionNames.Of(compare.Operator), Many([compare.Left, compare.Right])),
            ArithmeticNode arithmetic => One(FunctionNames.Of(arithmetic.Operator), Many([arithmetic.Left, arithmetic.Right])),
            InNode @in => One("in", Many([@in.Item, @in.Collection])),
            ExistsNode exists => One("exists", JsonValue.Create(exists.Fact)),
            FactNode fact => One("fact", JsonValue.Create(fact.Name)),
            ParameterNode parameter => One("param", JsonValue.Create(parameter.Name)),
            DateReferenceNode reference => One("ref", JsonValue.Create(FunctionNames.Of(reference.Reference))),
            CallNode call => One(FunctionNames.Of(call.Function), Many(call.Arguments)),
            ListNode list => One("list", Many(list.Items)),
            LiteralNode literal => Literal(literal.Value),
            _ => throw new NotSupportedException($"Cannot write {node.GetType().Name}."),
        };

    /// <summary>The JSON text, indented or compact.</summary>
    /// <exception cref="NotSupportedException">The tree holds a set literal.</exception>
    public static string Write(RuleNode node, bool indented = false) => ToJson(node).ToJsonString(indented ? Indented : Compact);

    private static JsonObject One(string key, JsonNode? value) => new() { [key] = value };

    private static JsonArray Many(IEnumerable<RuleNode> nodes) => new(nodes.Select(n => (JsonNode?)Node(n)).ToArray());

    private static JsonNode Literal(RuleValue value) => value.Kind switch
    {
        ValueKind.Bool => JsonValue.Create(value.AsBool),
        ValueKind.Number => JsonValue.Create(value.AsNumber),
        ValueKind.Text => JsonValue.Create(value.AsText),
        ValueKind.Date => One("date", JsonValue.Create(value.ToString())),
        _ => throw new NotSupportedException("A set literal has no JSON form; write {\"list\": [...]}."),
    };
}
