using System.Text.Json.Nodes;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using static ServerlessGov.Domain.Tests.Evaluation.FactBuilder;

namespace ServerlessGov.Domain.Tests.Policies;

public class PolicyValidationTests
{
    private static JsonNode OldAge() => JsonNode.Parse(SamplePolicies.Documents().Single(d => d.Name.Contains("old-age", StringComparison.Ordinal)).Json)!;

    private static IReadOnlyList<PolicyValidationError> Validate(JsonNode policy) => PolicyDocumentLoader.Validate(policy.ToJsonString(), DataDictionary.Default);

    [Fact]
    public void Validate_WrongExpectedAmount_FailingCaseBlocksPublishing()
    {
        var policy = OldAge();
        policy["testCases"]![1]!["expect"]!["amount"] = "120.00";
        var error = Validate(policy).Single();
        Assert.Equal("$.testCases[1]", error.Path);
        Assert.Contains("expected amount ¥120.00 but computed ¥100.00", error.Message, StringComparison.Ordinal);
        Assert.Throws<PolicyValidationException>(() => PolicyDocumentLoader.Load(policy.ToJsonString(), DataDictionary.Default));
    }

    [Fact]
    public void Validate_MisspeltFactInRuleText_NamesPathLineAndSuggestion()
    {
        var policy = OldAge();
        policy["rule"] = "age_on(period_end) >= 80 and not decesed";
        var error = Validate(policy).Single();
        Assert.Equal("$.rule (line 1, column 34)", error.Path);
        Assert.Contains("did you mean 'deceased'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReviewSection_NamesUrgentReasonsWithTheirConditions()
    {
        var policy = OldAge();
        policy["review"] = JsonNode.Parse("""{"urgentWhen": [{"reason": "failedPayment", "when": "household.dibao"}, {"reason": "objectionToStop"}]}""");

        var document = PolicyDocumentLoader.Load(policy.ToJsonString(), DataDictionary.Default);

        Assert.False(document.Review.Always);
        Assert.Equal(["failedPayment", "objectionToStop"], document.Review.Reasons.Select(r => r.Reason));
        Assert.NotNull(document.Review.Reasons[0].When);
        Assert.Null(document.Review.Reasons[1].When);
        Assert.Same(ReviewUrgencyRules.None, PolicyDocumentLoader.Load(OldAge().ToJsonString(), DataDictionary.Default).Review);
    }

    [Fact]
    public void Validate_UrgentReviewReasonUnknownOrConditionMisspelt_NamesThePath()
    {
        var policy = OldAge();
        policy["review"] = JsonNode.Parse("""{"urgent": false, "urgentWhen": [{"reason": "hardship"}, {"reason": "failedPayment", "when": "household.dibo"}]}""");
        Assert.Contains(Validate(policy), e => e.Path == "$.review.urgentWhen[0].reason" && e.Message.Contains("objectionToStop", StringComparison.Ordinal));

        policy["review"]!["urgentWhen"]![0]!["reason"] = "objection";
        Assert.Contains(Validate(policy), e => e.Path.StartsWith("$.review.urgentWhen[1].when", StringComparison.Ordinal) && e.Message.Contains("household.dibao", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ParameterWithoutLegalReference_IsRejectedWithJsonPath()
    {
        var policy = OldAge();
        policy["parameters"]![1]!["values"]![0]!["legalReference"] = "";
        Assert.Contains(Validate(policy), e => e.Path == "$.parameters[1].values[0].legalReference");
    }

    [Fact]
    public void Validate_OverlappingTiersAndProratedOneOff_AreRejected()
    {
        var policy = OldAge();
        policy["amount"]!["tiers"]![1]!["from"] = 85;
        policy["schedule"] = JsonNode.Parse("""{"kind": "oneOff", "prorate": true}""");
        var paths = Validate(policy).Select(e => e.Path).ToList();
        Assert.Contains("$.amount.tiers", paths);
        Assert.Contains("$.schedule.prorate", paths);
    }

    [Fact]
    public void Validate_UnknownParameterInFormula_IsRejected()
    {
        var policy = OldAge();
        policy["amount"]!["tiers"]![0]!["value"] = "$allowance_08";
        var error = Validate(policy).Single();
        Assert.StartsWith("$.amount.tiers[0].value", error.Path, StringComparison.Ordinal);
        Assert.Contains("unknown_parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TestCaseBeforeEffectiveDate_IsRejected()
    {
        var policy = OldAge();
        policy["effective"]!["from"] = "2026-04-01";
        Assert.Contains(Validate(policy), e => e.Path == "$.testCases[0]" && e.Message.Contains("effective window", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_PolicyStartingMidMonth_PaysOnlyEffectiveDays()
    {
        var policy = OldAge();
        policy["effective"]!["from"] = "2026-03-11";
        foreach (var testCase in policy["testCases"]!.AsArray())
        {
            testCase!["expect"]!.AsObject().Remove("amount");
        }

        var document = PolicyDocumentLoader.Load(policy.ToJsonString(), DataDictionary.Default);
        var compiled = new CompiledPolicy(document, DataDictionary.Default, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 31));
        var facts = Resident(
            ("birth_date", Date("1930-01-01"), "hukou"),
            ("household.district", RuleValue.Text("余杭区"), "hukou"),
            ("deceased", RuleValue.Bool(false), "police"));
        var decision = compiled.Decide(facts);
        Assert.Equal(21, decision.EligibleDays);
        Assert.Equal(Money.Parse("135.48"), decision.Amount);
    }

    [Fact]
    public void Validate_WrongJsonType_NamesThePath()
    {
        var policy = OldAge();
        policy["version"] = "one";
        var error = Validate(policy).Single();
        Assert.Equal("$.version", error.Path);
    }

    [Fact]
    public void Validate_JsonRuleWithUnknownOperator_NamesPathAndSuggestion()
    {
        var policy = OldAge();
        policy["rule"] = JsonNode.Parse("""{"al": [{"not": {"fact": "deceased"}}]}""");
        var error = Validate(policy).Single();
        Assert.Equal("$.rule", error.Path);
        Assert.Contains("did you mean 'all'", error.Message, StringComparison.Ordinal);
    }
}
