using System.Text.Json;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Proofs;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using static ServerlessGov.Domain.Tests.Evaluation.FactBuilder;

namespace ServerlessGov.Domain.Tests.Proofs;

public class ExplanationTests
{
    private static readonly PolicyDocument OldAge = SamplePolicies.Load(DataDictionary.Default).Single(p => p.Id == "old-age-allowance");

    private static PolicyDecision Decide(SubjectFacts facts) =>
        new CompiledPolicy(OldAge, DataDictionary.Default, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 31)).Decide(facts);

    [Fact]
    public void Render_PaidResident_ChineseNamesBirthdaySourceAndAmount()
    {
        var decision = Decide(Resident(("birth_date", Date("1946-03-31"), "hukou"), ("household.district", RuleValue.Text("余杭区"), "hukou"), ("deceased", RuleValue.Bool(false), "police")));
        var zh = ExplanationRenderer.Render(decision, OldAge, DataDictionary.Default, Language.Zh);
        Assert.Contains("您于2026年3月31日年满80周岁（户籍，2026-02-28）", zh, StringComparison.Ordinal);
        Assert.Contains("本期金额¥3.23（按本月符合条件的1/31天折算）", zh, StringComparison.Ordinal);
        Assert.Contains("死亡登记为否（公安，2026-02-28），满足条件“not deceased”", zh, StringComparison.Ordinal);
        var en = ExplanationRenderer.Render(decision, OldAge, DataDictionary.Default, Language.En);
        Assert.Contains("you reached 80 on 2026-03-31 (household registry, 2026-02-28)", en, StringComparison.Ordinal);
        Assert.Contains("registered district is 余杭区 (household registry, 2026-02-28), which meets", en, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StaleDeathCheck_TellsWhichFactAReviewerMustConfirm()
    {
        var facts = Resident(("birth_date", Date("1930-03-01"), "hukou"), ("household.district", RuleValue.Text("余杭区"), "hukou"));
        facts.Add(new FactValue("deceased", RuleValue.Bool(false), "police", new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero)));
        var zh = ExplanationRenderer.Render(Decide(facts), OldAge, DataDictionary.Default, Language.Zh);
        Assert.Contains("需要人工核实", zh, StringComparison.Ordinal);
        Assert.Contains("死亡登记（公安数据截至2025-11-01，已过有效期）", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TooYoung_SaysWhichConditionFailed()
    {
        var decision = Decide(Resident(("birth_date", Date("1960-01-01"), "hukou"), ("household.district", RuleValue.Text("余杭区"), "hukou"), ("deceased", RuleValue.Bool(false), "police")));
        var zh = ExplanationRenderer.Render(decision, OldAge, DataDictionary.Default, Language.Zh);
        Assert.StartsWith("您暂不符合“高龄津贴（示例金额）”的条件。原因：出生日期为1960-01-01（户籍，2026-02-28），不满足条件“age_on(period_end) >= 80”", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Trace_IsVersionedJsonWithFactProvenance()
    {
        var decision = Decide(Resident(("birth_date", Date("1936-03-01"), "hukou"), ("household.district", RuleValue.Text("余杭区"), "hukou"), ("deceased", RuleValue.Bool(false), "police")));
        using var trace = JsonDocument.Parse(DecisionTraceWriter.Write(decision, new SubjectId("r-000042")));
        var root = trace.RootElement;
        Assert.Equal(2, root.GetProperty("traceVersion").GetInt32());
        Assert.Equal("satisfied", root.GetProperty("outcome").GetString());
        Assert.Equal("200.00", root.GetProperty("amount").GetString());
        var facts = AllFacts(root.GetProperty("proof")).ToList();
        Assert.Contains(facts, f => f.GetProperty("fact").GetString() == "birth_date" && f.GetProperty("source").GetString() == "hukou" && f.GetProperty("asOf").GetString() == "2026-02-28T02:00:00Z");
        Assert.Contains(facts, f => f.GetProperty("fact").GetString() == "deceased" && f.GetProperty("source").GetString() == "police");
    }

    private static IEnumerable<JsonElement> AllFacts(JsonElement clause)
    {
        var own = clause.TryGetProperty("facts", out var facts) ? facts.EnumerateArray().ToList() : [];
        var children = clause.TryGetProperty("children", out var c) ? c.EnumerateArray().SelectMany(AllFacts) : [];
        return own.Concat(children);
    }
}
