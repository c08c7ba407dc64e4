using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Benchmarks.Eligibility;

/// <summary>Fills reusable subject facts with synthetic residents and enterprises from a seeded Random (no I/O, no allocation per fact).</summary>
internal sealed class SyntheticPopulation
{
    private static readonly string[] Districts = ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区", "临安区", "桐庐县", "淳安县", "建德市"];
    private static readonly string[] Retirement = ["none", "enterprise", "institution"];
    private static readonly string[] Ratings = ["A", "B", "M", "C", "D"];

    private readonly DataDictionary _dictionary;
    private readonly RuleValue[] _districts;
    private readonly RuleValue[] _retirement;
    private readonly RuleValue[] _ratings;
    private readonly DateTimeOffset _fresh = new(2026, 2, 27, 0, 0, 0, TimeSpan.Zero);
    private readonly DateTimeOffset _stale = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly int _epochDay = new DateOnly(1920, 1, 1).DayNumber;

    public SyntheticPopulation(DataDictionary dictionary)
    {
        _dictionary = dictionary;
        _districts = Districts.Select(RuleValue.Text).ToArray();
        _retirement = Retirement.Select(RuleValue.Text).ToArray();
        _ratings = Ratings.Select(RuleValue.Text).ToArray();
    }

    public void FillResident(SubjectFacts facts, Random random)
    {
        facts.Clear();
        Set(facts, "birth_date", RuleValue.Date(DateOnly.FromDayNumber(_epochDay + random.Next(0, 38_000))), "hukou");
        var deathCheck = random.Next(100);
        if (deathCheck >= 2)
        {
            Set(facts, "deceased", RuleValue.Bool(deathCheck < 3), "police", deathCheck == 99 ? _stale : _fresh);
        }

        Set(facts, "household.district", random.Next(10) < 3 ? _districts[5] : _districts[random.Next(_districts.Length)], "hukou");
        Set(facts, "household.size", RuleValue.Number(random.Next(1, 6)), "hukou");
        Set(facts, "household.income_per_head", RuleValue.Number(random.Next(300, 9000)), "civil_affairs");
        Set(facts, "household.dibao", RuleValue.Bool(random.Next(100) < 3), "civil_affairs");
        Set(facts, "retirement.type", _retirement[random.Next(3)], "hrss");
        var disabled = random.Next(100) < 6;
        Set(facts, "disability.certified", RuleValue.Bool(disabled), "cdpf");
        if (disabled)
        {
            Set(facts, "disability.level", RuleValue.Number(random.Next(1, 5)), "cdpf");
        }

        Set(facts, "only_child.certified", RuleValue.Bool(random.Next(10) < 2), "health");
        Set(facts, "orphan.certified", RuleValue.Bool(random.Next(1000) == 0), "civil_affairs");
        Set(facts, "child.parent_registered_locally", RuleValue.Bool(random.Next(10) < 8), "hukou");
        Set(facts, "employment.annual_wage", RuleValue.Number(random.Next(20_000, 400_000)), "tax");
        Set(facts, "employment.employer_district", _districts[random.Next(_districts.Length)], "hrss");
        Set(facts, "employment.employer_taxed_locally", RuleValue.Bool(random.Next(10) < 9), "tax");
    }

    public void FillEnterprise(SubjectFacts facts, Random random)
    {
        facts.Clear();
        Set(facts, "enterprise.district", _districts[random.Next(_districts.Length)], "samr");
        Set(facts, "enterprise.tax_credit_rating", _ratings[random.Next(_ratings.Length)], "tax");
        Set(facts, "enterprise.serious_violation", RuleValue.Bool(random.Next(100) < 2), "samr");
        Set(facts, "enterprise.insured_months", RuleValue.Number(random.Next(0, 60)), "hrss");
        Set(facts, "enterprise.layoff_rate", RuleValue.Number(random.Next(0, 200) / 10m), "hrss");
        Set(facts, "enterprise.unemployment_premiums_last_year", RuleValue.Number(random.Next(1_000, 500_000)), "hrss");
        if (random.Next(100) < 3)
        {
            Set(facts, "enterprise.high_tech_certified_on", RuleValue.Date(new DateOnly(2024, 1, 1).AddDays(random.Next(0, 1000))), "science");
        }

        Set(facts, "enterprise.graduates_hired_insured", RuleValue.Number(random.Next(10) < 1 ? random.Next(1, 20) : 0), "hrss");
    }

    private void Set(SubjectFacts facts, string name, RuleValue value, string source, DateTimeOffset? asOf = null) =>
        facts.Set(_dictionary.GetFact(name).Id, value, _dictionary.GetSource(source).Id, asOf ?? _fresh);
}
