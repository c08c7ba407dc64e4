using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Tests.Dictionary;

public class DataDictionaryTests
{
    [Fact]
    public void Default_ShippedDictionary_DescribesFactsWithSourcesAndFreshness()
    {
        var dictionary = DataDictionary.Default;
        var district = dictionary.GetFact("household.district");
        Assert.Equal((FactType.Enum, SubjectKind.Household), (district.Type, district.Subject));
        Assert.Contains("余杭区", (IReadOnlySet<string>)district.EnumValues);
        Assert.Equal(TimeSpan.FromDays(30), dictionary.GetFact("deceased").Freshness);
        Assert.Equal("户籍", dictionary.GetSource("hukou").Name.Zh);
        Assert.Equal(PrivacyClass.Identifier, dictionary.GetFact("resident_id").Privacy);
    }

    [Fact]
    public void Default_EveryFactTheSamplesUse_IsInTheDictionary()
    {
        var policies = SamplePolicies.Load(DataDictionary.Default);
        var used = policies.SelectMany(p => Facts(p.Rule)).Distinct().ToList();
        Assert.All(used, name => Assert.True(DataDictionary.Default.TryGetFact(name, out _), name));
        Assert.Contains("birth_date", used);
    }

    [Theory]
    [InlineData("""{"version": 1, "sources": [{"code": "hukou", "name": {"zh": "户籍", "en": "registry"}}], "facts": [{"name": "x", "type": "money", "subject": "resident", "sources": ["hukou"], "freshness": "P1D", "privacy": "public", "label": {"zh": "x", "en": "x"}}]}""", "$.facts[0].type")]
    [InlineData("""{"version": 1, "sources": [{"code": "hukou", "name": {"zh": "户籍", "en": "registry"}}], "facts": [{"name": "x", "type": "bool", "subject": "resident", "sources": ["tax"], "freshness": "P1D", "privacy": "public", "label": {"zh": "x", "en": "x"}}]}""", "$.facts[0].sources[0]")]
    [InlineData("""{"version": 1, "sources": [{"code": "hukou", "name": {"zh": "户籍", "en": "registry"}}], "facts": [{"name": "x", "type": "bool", "subject": "resident", "sources": ["hukou"], "freshness": "90 days", "privacy": "public", "label": {"zh": "x", "en": "x"}}]}""", "$.facts[0].freshness")]
    public void Parse_MalformedDictionary_NamesTheJsonPath(string json, string path)
    {
        var error = Assert.Throws<DictionaryException>(() => DataDictionary.Parse(json));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Facts(RuleNode node) => node switch
    {
        FactNode f => [f.Name],
        ExistsNode e => [e.Fact],
        AllNode a => a.Operands.SelectMany(Facts),
        AnyNode a => a.Operands.SelectMany(Facts),
        NotNode n => Facts(n.Operand),
        CompareNode c => Facts(c.Left).Concat(Facts(c.Right)),
        InNode i => Facts(i.Item).Concat(Facts(i.Collection)),
        ArithmeticNode a => Facts(a.Left).Concat(Facts(a.Right)),
        CallNode c => (c.Function == RuleFunction.AgeOn ? ["birth_date"] : Array.Empty<string>()).Concat(c.Arguments.SelectMany(Facts)),
        _ => [],
    };
}
