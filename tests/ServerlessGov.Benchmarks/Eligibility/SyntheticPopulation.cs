using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Benchmarks.Eligibility;

/// <summary>
/// Fills reusable subject facts with synthetic residents and enterprises from a seeded Random (no I/O, no allocation per
/// fact), or delivers the same subjects as observations the way sources of complete extracts deliver them.
/// </summary>
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

    /// <summary>
    /// The resident <see cref="FillResident"/> makes from the same draws, delivered as the sources of complete extracts
    /// deliver it: a fact such a source is complete for is reported only when it differs from the dictionary's absent
    /// value (a death, a certificate, a place on a roll); its absence comes from the declarations of <see cref="Extracts"/>.
    /// </summary>
    public void DeliverResident(List<FactValue> observations, Random random)
    {
        observations.Clear();
        Observe(observations, "birth_date", RuleValue.Date(DateOnly.FromDayNumber(_epochDay + random.Next(0, 38_000))), "hukou");
        var deathCheck = random.Next(100);
        if (deathCheck >= 2 && deathCheck < 3)
        {
            Observe(observations, "deceased", RuleValue.Bool(true), "police");
        }

        Observe(observations, "household.district", random.Next(10) < 3 ? _districts[5] : _districts[random.Next(_districts.Length)], "hukou");
        Observe(observations, "household.size", RuleValue.Number(random.Next(1, 6)), "hukou");
        Observe(observations, "household.income_per_head", RuleValue.Number(random.Next(300, 9000)), "civil_affairs");
        ObserveIfTrue(observations, "household.dibao", random.Next(100) < 3, "civil_affairs");
        var retirement = random.Next(3);
        if (retirement > 0)
        {
            Observe(observations, "retirement.type", _retirement[retirement], "hrss");
        }

        var disabled = random.Next(100) < 6;
        ObserveIfTrue(observations, "disability.certified", disabled, "cdpf");
        if (disabled)
        {
            Observe(observations, "disability.level", RuleValue.Number(random.Next(1, 5)), "cdpf");
        }

        ObserveIfTrue(observations, "only_child.certified", random.Next(10) < 2, "health");
        ObserveIfTrue(observations, "orphan.certified", random.Next(1000) == 0, "civil_affairs");
        Observe(observations, "child.parent_registered_locally", RuleValue.Bool(random.Next(10) < 8), "hukou");
        Observe(observations, "employment.annual_wage", RuleValue.Number(random.Next(20_000, 400_000)), "tax");
        Observe(observations, "employment.employer_district", _districts[random.Next(_districts.Length)], "hrss");
        ObserveIfTrue(observations, "employment.employer_taxed_locally", random.Next(10) < 9, "tax");
    }

    /// <summary>The enterprise <see cref="FillEnterprise"/> makes from the same draws, a serious violation reported only when there is one.</summary>
    public void DeliverEnterprise(List<FactValue> observations, Random random)
    {
        observations.Clear();
        Observe(observations, "enterprise.district", _districts[random.Next(_districts.Length)], "samr");
        Observe(observations, "enterprise.tax_credit_rating", _ratings[random.Next(_ratings.Length)], "tax");
        ObserveIfTrue(observations, "enterprise.serious_violation", random.Next(100) < 2, "samr");
        Observe(observations, "enterprise.insured_months", RuleValue.Number(random.Next(0, 60)), "hrss");
        Observe(observations, "enterprise.layoff_rate", RuleValue.Number(random.Next(0, 200) / 10m), "hrss");
        Observe(observations, "enterprise.unemployment_premiums_last_year", RuleValue.Number(random.Next(1_000, 500_000)), "hrss");
        if (random.Next(100) < 3)
        {
            Observe(observations, "enterprise.high_tech_certified_on", RuleValue.Date(new DateOnly(2024, 1, 1).AddDays(random.Next(0, 1000))), "science");
        }

        Observe(observations, "enterprise.graduates_hired_insured", RuleValue.Number(random.Next(10) < 1 ? random.Next(1, 20) : 0), "hrss");
    }

    /// <summary>
    /// The complete extracts the delivered subjects come with, as the population generator declares them: the death
    /// registry, the pension roll, the only-child register, the tax register and the list of serious violations for the
    /// whole city; the civil-affairs rolls and the disability register per district, out of date in a few districts.
    /// </summary>
    public IReadOnlyList<CoverageDeclaration> Extracts()
    {
        string[] staleRolls = ["临安区", "淳安县"];
        string[] staleRegister = ["桐庐县"];
        return
        [
            new("police", ["deceased"], CoverageScope.Everyone, _fresh),
            new("hrss", ["retirement.type"], CoverageScope.Everyone, _fresh),
            new("health", ["only_child.certified"], CoverageScope.Everyone, _fresh),
            new("tax", ["employment.employer_taxed_locally"], CoverageScope.Everyone, _fresh),
            new("samr", ["enterprise.serious_violation"], CoverageScope.Everyone, _fresh),
            new("civil_affairs", ["household.dibao", "orphan.certified"], new CoverageScope("household.district", Districts.Except(staleRolls).ToArray()), _fresh),
            new("civil_affairs", ["household.dibao", "orphan.certified"], new CoverageScope("household.district", staleRolls), _stale),
            new("cdpf", ["disability.certified"], new CoverageScope("household.district", Districts.Except(staleRegister).ToArray()), _fresh),
            new("cdpf", ["disability.certified"], new CoverageScope("household.district", staleRegister), _stale.AddYears(-1)),
        ];
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

    private void Observe(List<FactValue> observations, string name, RuleValue value, string source) =>
        observations.Add(new FactValue(name, value, source, _fresh));

    private void ObserveIfTrue(List<FactValue> observations, string name, bool value, string source)
    {
        if (value)
        {
            Observe(observations, name, RuleValue.Bool(true), source);
        }
    }

    private void Set(SubjectFacts facts, string name, RuleValue value, string source, DateTimeOffset? asOf = null) =>
        facts.Set(_dictionary.GetFact(name).Id, value, _dictionary.GetSource(source).Id, asOf ?? _fresh);
}
