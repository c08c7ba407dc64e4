using System.Text.Json.Nodes;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Domain.Tests.Policies;

/// <summary>Hostile or careless policy documents: each is an error naming its JSON path and rule, never a crash.</summary>
public class PolicyDocumentInputTests
{
    private static JsonNode OldAge() => JsonNode.Parse(SamplePolicies.Documents().Single(d => d.Name.Contains("old-age", StringComparison.Ordinal)).Json)!;

    private static IReadOnlyList<PolicyValidationError> Validate(string json) => PolicyDocumentLoader.Validate(json, DataDictionary.Default);

    [Fact]
    public void Validate_RuleNestedBeyondTheLimit_NamesTheRuleAndTheLimit()
    {
        var policy = OldAge();
        policy["rule"] = new string('(', 3_000) + "not deceased" + new string(')', 3_000);

        var error = Validate(policy.ToJsonString()).Single();

        Assert.StartsWith("$.rule", error.Path, StringComparison.Ordinal);
        Assert.Contains($"{RuleLimits.MaxDepth} levels", error.Message, StringComparison.Ordinal);
        Assert.Contains("[too_deep]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckLimits_DraftWhoseFormulaIsTooLarge_IsRefusedWhileOtherMistakesWait()
    {
        var policy = OldAge();
        policy["rule"] = "not decesed";
        policy["amount"]!["tiers"]![0]!["value"] = string.Join(" + ", Enumerable.Repeat("$allowance_80", 100));

        var error = PolicyDocumentLoader.CheckLimits(policy.ToJsonString()).Single();

        Assert.Equal("$.amount.tiers[0].value", error.Path);
        Assert.Contains("[too_deep]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdNull_IsNotValid()
    {
        var policy = OldAge();
        policy["id"] = null;

        var error = Validate(policy.ToJsonString()).Single();

        Assert.Equal("$.id", error.Path);
        Assert.Equal("must not be null", error.Message);
    }

    [Fact]
    public void Validate_PropertyGivenTwice_NamesTheProperty()
    {
        var json = OldAge().ToJsonString().Replace("\"id\":\"old-age-allowance\"", "\"id\":\"old-age-allowance\",\"id\":\"other-allowance\"", StringComparison.Ordinal);

        var error = Validate(json).Single();

        Assert.Equal("$.id", error.Path);
        Assert.Contains("appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongTypes_NameTheDictionaryTypeNeverADotNetType()
    {
        var policy = OldAge();
        policy["amount"]!["tiers"]![0]!["from"] = "eighty";
        var tier = Validate(policy.ToJsonString()).Single();

        policy = OldAge();
        policy["title"]!["zh"] = 5;
        var title = Validate(policy.ToJsonString()).Single();

        Assert.Equal(("$.amount.tiers[0].from", "must be a decimal (a number such as 1.5)"), (tier.Path, tier.Message));
        Assert.Equal(("$.title.zh", "must be a string (valid Unicode text)"), (title.Path, title.Message));
        Assert.DoesNotContain("System.", tier.Message + title.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LoneSurrogates_AreErrorsNotCrashes()
    {
        var inTitle = OldAge().ToJsonString().Replace("\"zh\":\"", "\"zh\":\"\\ud800", StringComparison.Ordinal);
        var policy = OldAge();
        policy["rule"] = JsonNode.Parse("""{"in": [{"fact": "household.district"}, {"list": ["LONE"]}]}""");
        var inRule = policy.ToJsonString().Replace("LONE", "\\udc00", StringComparison.Ordinal);

        Assert.Equal("$.title.zh", Validate(inTitle).Single().Path);
        Assert.Contains("valid Unicode", Validate(inRule).Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullsAndOutOfRangeValuesInTestCases_AreErrorsNotCrashes()
    {
        var policy = OldAge();
        policy["testCases"]![0]!["facts"]!["deceased"] = null;
        policy["testCases"]![1]!["facts"]!["birth_date"]!["asOf"] = "yesterday";
        policy["testCases"]![2]!["facts"]!["household.size"] = JsonNode.Parse("""{"value": 1e400, "source": "hukou"}""");
        policy["parameters"]!.AsArray().Add(null);

        var errors = Validate(policy.ToJsonString());

        Assert.Contains(errors, e => e.Path.StartsWith("$.testCases[0].facts", StringComparison.Ordinal) && e.Message.Contains("not null", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path.StartsWith("$.testCases[1].facts", StringComparison.Ordinal) && e.Message.Contains("asOf", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.parameters[3]");
        Assert.DoesNotContain(errors, e => e.Path.StartsWith("$.testCases[2]", StringComparison.Ordinal) && !e.Message.Contains("integer", StringComparison.Ordinal));
    }
}
