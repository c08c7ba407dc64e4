using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Checking;
using ServerlessGov.Domain.Rules.Json;
using ServerlessGov.Domain.Rules.Text;

namespace ServerlessGov.Domain.Tests.Rules;

public class RuleLanguageTests
{
    private static readonly RuleCheckContext Residents = RuleCheckContext.ForResidents(DataDictionary.Default);

    [Fact]
    public void Parse_IssueExample_PrintsBackIdentically()
    {
        const string text = "age_on(period_start) >= 80 and household.district in [\"余杭区\"] and not deceased";
        var tree = RuleParser.Parse(text);
        Assert.Equal(text, RulePrinter.Print(tree));
        Assert.Empty(RuleChecker.CheckRule(tree, Residents));
    }

    [Fact]
    public void Parse_TextAndJsonForms_GiveTheSameTree()
    {
        var text = RuleParser.Parse("employment.annual_wage < 72000 and (employment.employer_taxed_locally or exists(housing.owns_home_locally))");
        var json = RuleJsonReader.Parse("""
            {"all": [
              {"<": [{"fact": "employment.annual_wage"}, 72000]},
              {"any": [{"fact": "employment.employer_taxed_locally"}, {"exists": "housing.owns_home_locally"}]}
            ]}
            """);
        Assert.Equal(RuleJsonWriter.Write(text), RuleJsonWriter.Write(json));
        Assert.Equal(RulePrinter.Print(text), RulePrinter.Print(json));
    }

    [Fact]
    public void Parse_ChineseQuotesAndDateLiteral_AreAccepted()
    {
        var tree = RuleParser.Parse("household.district = “西湖区” and birth_date < date(\"1946-03-01\")");
        Assert.Equal("household.district = \"西湖区\" and birth_date < date(\"1946-03-01\")", RulePrinter.Print(tree));
    }

    [Fact]
    public void Parse_MissingOperand_NamesLineAndColumn()
    {
        var error = Assert.Throws<RuleException>(() => RuleParser.Parse("not deceased and\n  household.size >")).Errors.Single();
        Assert.Equal("line 2, column 19", error.Location);
        Assert.Equal("syntax", error.Code);
    }

    [Fact]
    public void Check_MisspeltFact_SuggestsTheRightOne()
    {
        var error = RuleChecker.CheckRule(RuleParser.Parse("not deceased and houshold.district = \"余杭区\""), Residents).Single();
        Assert.Equal("unknown_fact", error.Code);
        Assert.Equal("line 1, column 18", error.Location);
        Assert.Contains("did you mean 'household.district'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_YearsComparedWithMonths_IsUnitMismatch()
    {
        var context = RuleCheckContext.ForEnterprises(DataDictionary.Default);
        var rule = RuleParser.Parse("years_between(enterprise.high_tech_certified_on, today) >= enterprise.insured_months");
        Assert.Equal("unit_mismatch", RuleChecker.CheckRule(rule, context).Single().Code);
    }

    [Fact]
    public void Check_EnterpriseFactInResidentPolicy_IsWrongSubjectWithJsonPath()
    {
        var rule = RuleJsonReader.Parse("""{"all": [{"not": {"fact": "deceased"}}, {"=": [{"fact": "enterprise.size"}, "small"]}]}""", "$.rule");
        var error = RuleChecker.CheckRule(rule, Residents).Single();
        Assert.Equal("wrong_subject", error.Code);
        Assert.Equal("$.rule.all[1]['='][0]", error.Location);
    }

    [Fact]
    public void Check_EnumValueNotInDictionary_SuggestsTheValue()
    {
        var error = RuleChecker.CheckRule(RuleParser.Parse("household.district = \"余杭\""), Residents).Single();
        Assert.Equal("unknown_enum_value", error.Code);
        Assert.Contains("余杭区", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NumberUsedAsCondition_IsTypeMismatch()
    {
        var error = RuleChecker.CheckRule(RuleParser.Parse("household.size and not deceased"), Residents).Single();
        Assert.Equal("type_mismatch", error.Code);
    }

    [Fact]
    public void Check_AgeInEnterprisePolicy_IsWrongSubject()
    {
        var errors = RuleChecker.CheckRule(RuleParser.Parse("age_on(today) >= 3"), RuleCheckContext.ForEnterprises(DataDictionary.Default));
        Assert.Equal("wrong_subject", errors.Single().Code);
    }

    [Fact]
    public void Print_NestedGroupingAndArithmetic_KeepsMeaning()
    {
        const string text = "(not deceased or household.dibao) and household.income_per_head * 2 < (1300 - 100) * 2";
        Assert.Equal(text, RulePrinter.Print(RuleParser.Parse(text)));
    }
}
