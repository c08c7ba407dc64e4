using ServerlessGov.Domain.Values;

namespace ServerlessGov.Population;

/// <summary>
/// A synthetic population of Hangzhou residents (in households) and enterprises, deterministic from a seed, shaped so
/// the sample policies match a realistic share: about 6% of residents are 80+, a quarter live in 余杭区, 4% of
/// households receive 低保, 6% of residents hold a disability certificate. Real data has holes, so some facts are
/// missing, some stale (older than the dictionary's freshness window) and some contradicted by a second source, and a
/// share of cases is genuinely unknown. Subjects are produced lazily: a million residents are never in memory.
/// </summary>
public static class PopulationGenerator
{
    private static readonly string[] Industries =
    [
        "C3911", "C3912", "C3971", "C2710", "C1810", "C3360", "I6511", "I6513", "I6421", "M7320", "M7530",
        "F5261", "F5123", "H6210", "E4710", "L7212", "G5821", "K7010", "O8010", "P8391",
    ];

    private static readonly string[] Tags = ["高新", "专精特新", "小微", "科技型中小企业", "外贸", "数字经济", "制造业", "文化创意"];

    /// <summary>Every subject, residents first, generated as they are enumerated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options' counts are out of range.</exception>
    public static IEnumerable<GeneratedSubject> Generate(PopulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return GenerateIterator(options);
    }

    private static IEnumerable<GeneratedSubject> GenerateIterator(PopulationOptions options)
    {
        var random = new Random(options.Seed);
        var clock = new AsOfClock(options.ReferenceDate, random);
        var issued = new HashSet<long>();
        var generated = 0;
        var household = 0;
        while (generated < options.Residents)
        {
            household++;
            var size = Math.Min(options.Residents - generated, 1 + random.Next(5));
            var home = new Household(random, household, size);
            for (var member = 0; member < size; member++)
            {
                yield return Resident(random, clock, issued, home, member, options.ReferenceDate);
                generated++;
            }
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Enterprises; i++)
        {
            yield return Enterprise(random, clock, codes, options.ReferenceDate);
        }
    }

    private static GeneratedSubject Resident(Random random, AsOfClock clock, HashSet<long> issued, Household home, int member, DateOnly today)
    {
        var age = member == 0 ? AdultAge(random) : AnyAge(random);
        var birth = today.AddYears(-age).AddDays(-random.Next(365));
        var id = NewResidentId(random, issued, home.District, birth);
        var facts = new List<GeneratedFact>(16)
        {
            new("birth_date", "hukou", clock.Fresh(30), birth),
            new("household.id", "hukou", clock.Fresh(60), home.Number),
            new("household.size", "hukou", clock.Fresh(60), home.Size),
        };

        if (random.NextDouble() < 0.985)
        {
            facts.Add(new("household.district", "hukou", clock.Fresh(60), Districts.All[home.District].Name));
        }

        if (home.MovedFrom is { } old)
        {
            // A recent move: the registry has the new district, the grid staff's older note still names the old one.
            facts.Add(new("household.district", "community", clock.Stale(TimeSpan.FromDays(30)), Districts.All[old].Name));
        }

        AddDeath(random, clock, facts, age);
        if (home.IncomePerHead is { } income)
        {
            facts.Add(new("household.income_per_head", "civil_affairs", clock.FreshOrStale(180, 0.05), income));
        }

        if (random.NextDouble() < 0.9)
        {
            facts.Add(new("household.dibao", "civil_affairs", clock.FreshOrStale(90, 0.04), home.Dibao));
        }

        if (age >= 50 && random.NextDouble() < 0.92)
        {
            var retired = age >= 60 || (age >= 50 && random.NextDouble() < 0.3);
            var type = !retired ? "none" : random.NextDouble() switch { < 0.65 => "enterprise", < 0.85 => "institution", _ => "none" };
            facts.Add(new("retirement.type", "hrss", clock.FreshOrStale(180, 0.05), type));
        }

        AddDisability(random, clock, facts, age);
        if (age >= 45 && random.NextDouble() < 0.9)
        {
            facts.Add(new("only_child.certified", "health", clock.Fresh(3000), random.NextDouble() < 0.22));
        }

        if (age < 18 && random.NextDouble() < 0.95)
        {
            facts.Add(new("orphan.certified", "civil_affairs", clock.FreshOrStale(180, 0.03), random.NextDouble() < 0.004));
        }

        if (age < 3 && random.NextDouble() < 0.95)
        {
            facts.Add(new("child.parent_registered_locally", "hukou", clock.Fresh(60), random.NextDouble() < 0.9));
        }

        if (age is >= 18 and < 60 && random.NextDouble() < 0.72)
        {
            AddEmployment(random, clock, facts);
        }

        if (age >= 22 && random.NextDouble() < 0.6)
        {
            facts.Add(new("housing.owns_home_locally", "housing", clock.FreshOrStale(180, 0.05), random.NextDouble() < 0.55));
        }

        return new GeneratedSubject("resident", id, facts);
    }

    private static void AddDeath(Random random, AsOfClock clock, List<GeneratedFact> facts, int age)
    {
        var roll = random.NextDouble();
        if (roll < 0.03)
        {
            return;
        }

        var deceased = random.NextDouble() < (age >= 80 ? 0.05 : 0.004);
        facts.Add(new("deceased", "police", roll < 0.08 ? clock.Stale(TimeSpan.FromDays(30)) : clock.Fresh(20), deceased));
        if (random.NextDouble() < 0.004)
        {
            // Civil affairs recorded a death (a funeral subsidy) the death registry has not: two authorities disagree.
            facts.Add(new("deceased", "civil_affairs", clock.Fresh(20), !deceased));
        }
    }

    private static void AddDisability(Random random, AsOfClock clock, List<GeneratedFact> facts, int age)
    {
        if (random.NextDouble() < 0.03)
        {
            return;
        }

        var certified = random.NextDouble() < (age >= 60 ? 0.09 : 0.045);
        var asOf = clock.FreshOrStale(365, 0.04);
        facts.Add(new("disability.certified", "cdpf", asOf, certified));
        if (certified && random.NextDouble() < 0.97)
        {
            facts.Add(new("disability.level", "cdpf", asOf, random.NextDouble() switch { < 0.12 => 1, < 0.32 => 2, < 0.65 => 3, _ => 4 }));
        }
    }

    private static void AddEmployment(Random random, AsOfClock clock, List<GeneratedFact> facts)
    {
        var wage = Math.Round((decimal)(30_000 + (random.NextDouble() * random.NextDouble() * 250_000)), 0);
        if (random.NextDouble() < 0.9)
        {
            facts.Add(new("employment.annual_wage", "tax", clock.FreshOrStale(400, 0.03), wage));
        }

        if (random.NextDouble() < 0.02)
        {
            facts.Add(new("employment.annual_wage", "hrss", clock.Fresh(300), wage + 20_000));
        }

        var district = Districts.Pick(random);
        if (random.NextDouble() < 0.93)
        {
            facts.Add(new("employment.employer_district", "hrss", clock.FreshOrStale(90, 0.05), Districts.All[district].Name));
        }

        if (random.NextDouble() < 0.9)
        {
            facts.Add(new("employment.employer_taxed_locally", "tax", clock.FreshOrStale(90, 0.05), district < 10 && random.NextDouble() < 0.9));
        }
    }

    private static GeneratedSubject Enterprise(Random random, AsOfClock clock, HashSet<string> codes, DateOnly today)
    {
        var district = Districts.Pick(random);
        var code = NewCreditCode(random, codes, Districts.All[district].Code);
        var size = random.NextDouble() switch { < 0.62 => "micro", < 0.88 => "small", < 0.97 => "medium", _ => "large" };
        var facts = new List<GeneratedFact>(14)
        {
            new("enterprise.district", "samr", clock.FreshOrStale(180, 0.03), Districts.All[district].Name),
            new("enterprise.industry_code", "samr", clock.Fresh(300), Industries[random.Next(Industries.Length)]),
            new("enterprise.size", "samr", clock.FreshOrStale(365, 0.03), size),
        };

        if (random.NextDouble() < 0.03)
        {
            facts.Add(new("enterprise.size", "tax", clock.Fresh(300), size == "micro" ? "small" : "micro"));
        }

        if (random.NextDouble() < 0.95)
        {
            facts.Add(new("enterprise.tax_credit_rating", "tax", clock.FreshOrStale(400, 0.03), random.NextDouble() switch { < 0.3 => "A", < 0.7 => "B", < 0.9 => "M", < 0.97 => "C", _ => "D" }));
        }

        var violation = random.NextDouble() < 0.03;
        if (random.NextDouble() < 0.94)
        {
            facts.Add(new("enterprise.serious_violation", "samr", clock.FreshOrStale(90, 0.05), violation));
        }

        if (random.NextDouble() < 0.006)
        {
            facts.Add(new("enterprise.serious_violation", "tax", clock.Fresh(60), !violation));
        }

        if (random.NextDouble() < 0.9)
        {
            var employees = size switch { "micro" => 1 + random.Next(9), "small" => 10 + random.Next(90), "medium" => 100 + random.Next(200), _ => 300 + random.Next(2000) };
            facts.Add(new("enterprise.insured_months", "hrss", clock.FreshOrStale(45, 0.06), random.Next(48)));
            facts.Add(new("enterprise.layoff_rate", "hrss", clock.FreshOrStale(90, 0.05), Math.Round((decimal)(random.NextDouble() * random.NextDouble() * 12), 2)));
            facts.Add(new("enterprise.unemployment_premiums_last_year", "hrss", clock.FreshOrStale(400, 0.03), Math.Round(employees * (decimal)(300 + (random.NextDouble() * 400)), 2)));
            facts.Add(new("enterprise.graduates_hired_insured", "hrss", clock.FreshOrStale(45, 0.06), random.NextDouble() < 0.12 ? 1 + random.Next(Math.Max(1, employees / 10)) : 0));
        }

        var tags = new List<string>();
        if (random.NextDouble() < 0.06)
        {
            facts.Add(new("enterprise.high_tech_certified_on", "science", clock.Fresh(300), today.AddDays(-random.Next(700))));
            tags.Add("高新");
        }

        foreach (var tag in Tags.Skip(1))
        {
            if (random.NextDouble() < 0.08)
            {
                tags.Add(tag);
            }
        }

        if (tags.Count > 0)
        {
            facts.Add(new("enterprise.tags", "samr", clock.FreshOrStale(180, 0.05), tags.ToArray()));
        }

        return new GeneratedSubject("enterprise", code, facts);
    }

    private static int AdultAge(Random random) => random.NextDouble() switch
    {
        < 0.60 => 25 + random.Next(35),
        < 0.86 => 60 + random.Next(20),
        < 0.97 => 80 + random.Next(10),
        < 0.997 => 90 + random.Next(10),
        _ => 100 + random.Next(5),
    };

    private static int AnyAge(Random random) => random.NextDouble() switch
    {
        < 0.035 => random.Next(3),
        < 0.18 => 3 + random.Next(15),
        < 0.76 => 18 + random.Next(42),
        < 0.95 => 60 + random.Next(20),
        < 0.99 => 80 + random.Next(10),
        _ => 90 + random.Next(12),
    };

    private static string NewResidentId(Random random, HashSet<long> issued, int district, DateOnly birth)
    {
        while (true)
        {
            var sequence = random.Next(1000);
            if (issued.Add(((long)district << 40) | ((long)birth.DayNumber << 10) | (long)sequence))
            {
                var first17 = string.Concat(Districts.All[district].Code, birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                return first17 + ResidentId.CheckCharacter(first17);
            }
        }
    }

    private static string NewCreditCode(Random random, HashSet<string> issued, string region)
    {
        const string Charset = UnifiedSocialCreditCode.Charset;
        Span<char> first17 = stackalloc char[17];
        while (true)
        {
            first17[0] = '9';
            first17[1] = '1';
            region.AsSpan().CopyTo(first17[2..]);
            for (var i = 8; i < 17; i++)
            {
                first17[i] = Charset[random.Next(i == 16 ? 10 : Charset.Length)];
            }

            var code = string.Concat(first17, [UnifiedSocialCreditCode.CheckCharacter(first17)]);
            if (issued.Add(code))
            {
                return code;
            }
        }
    }

    /// <summary>A household's shared facts.</summary>
    private sealed class Household
    {
        public Household(Random random, int sequence, int size)
        {
            District = Districts.Pick(random);
            Size = size;
            Number = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"H{Districts.All[District].Code}{sequence:D9}");
            MovedFrom = random.NextDouble() < 0.03 ? Districts.Pick(random) : null;
            var poor = random.NextDouble() < 0.06;
            IncomePerHead = poor ? Math.Round((decimal)(600 + (random.NextDouble() * 900)), 2)
                : random.NextDouble() < 0.2 ? Math.Round((decimal)(2000 + (random.NextDouble() * 8000)), 2) : null;
            Dibao = poor && random.NextDouble() < 0.7;
        }

        public int District { get; }

        public int Size { get; }

        public string Number { get; }

        public int? MovedFrom { get; }

        public decimal? IncomePerHead { get; }

        public bool Dibao { get; }
    }
}
