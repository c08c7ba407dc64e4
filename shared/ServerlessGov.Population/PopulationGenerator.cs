using ServerlessGov.Domain.Values;

namespace ServerlessGov.Population;

/// <summary>
/// A synthetic population of Hangzhou residents (in households) and enterprises, deterministic from a seed, shaped so
/// the sample policies match a realistic share: about 6% of residents are 80+, a quarter live in 余杭区, 4% of
/// households receive 低保, 6% of residents hold a disability certificate, most adult couples are married. The sources
/// deliver complete extracts as real ones do (<see cref="Extracts"/>): the death registry lists deaths, the disability
/// register certificate holders, the pension roll retirees, for the whole city or per district, each record carrying
/// its extract's as-of. Real data has holes, so some facts no extract covers are missing, some stale (older than the
/// dictionary's freshness window), some extracts are old, some facts contradicted by a second source, and some only
/// self-declared: a share of cases is genuinely unknown. Subjects are produced lazily: a million residents are never
/// in memory.
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

    /// <summary>The complete extracts the population's sources deliver, to be declared with its import (the same for every seed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options' counts are out of range.</exception>
    public static IReadOnlyList<GeneratedExtract> Extracts(PopulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new RegistryExtracts(options.ReferenceDate).All;
    }

    private static IEnumerable<GeneratedSubject> GenerateIterator(PopulationOptions options)
    {
        var random = new Random(options.Seed);
        var clock = new AsOfClock(options.ReferenceDate, random);
        var extracts = new RegistryExtracts(options.ReferenceDate);
        var issued = new HashSet<long>();
        var generated = 0;
        var household = 0;
        while (generated < options.Residents)
        {
            household++;
            var size = Math.Min(options.Residents - generated, 1 + random.Next(5));
            var home = new Household(random, household, size);
            var members = Members(random, issued, home, options.ReferenceDate);
            for (var member = 0; member < size; member++)
            {
                yield return Resident(random, clock, extracts, home, members, member);
                generated++;
            }
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Enterprises; i++)
        {
            yield return Enterprise(random, clock, extracts, codes, options.ReferenceDate);
        }
    }

    // Ages, birth dates and identity numbers of a household's members, drawn before any is written so spouses can name
    // each other: the first member is an adult, and in most households of two or more the second is their spouse.
    private static Member[] Members(Random random, HashSet<long> issued, Household home, DateOnly today)
    {
        var members = new Member[home.Size];
        for (var i = 0; i < home.Size; i++)
        {
            var spouse = i == 1 && random.NextDouble() < 0.7;
            var age = i == 0 ? AdultAge(random) : spouse ? Math.Max(20, members[0].Age - 5 + random.Next(11)) : AnyAge(random);
            var birth = today.AddYears(-age).AddDays(-random.Next(365));
            members[i] = new Member(age, NewResidentId(random, issued, home.District, birth), birth, spouse ? 0 : null);
        }

        if (members.Length > 1 && members[1].SpouseOf == 0)
        {
            members[0] = members[0] with { SpouseOf = 1 };
        }

        return members;
    }

    private static GeneratedSubject Resident(Random random, AsOfClock clock, RegistryExtracts extracts, Household home, Member[] members, int index)
    {
        var (age, id, birth, spouse) = members[index];
        var facts = new List<GeneratedFact>(16)
        {
            new("birth_date", "hukou", clock.Fresh(30), birth),
            new("household.id", "hukou", clock.Fresh(60), home.Number),
            new("household.size", "hukou", clock.Fresh(60), home.Size),
        };

        if (random.NextDouble() < 0.996)
        {
            facts.Add(new("household.district", "hukou", clock.Fresh(60), Districts.All[home.District].Name));
        }

        if (home.MovedFrom is { } old)
        {
            // A recent move: the registry has the new district, the grid staff's older note still names the old one.
            facts.Add(new("household.district", "community", clock.Stale(TimeSpan.FromDays(30)), Districts.All[old].Name));
        }

        AddDeath(random, clock, extracts, facts, age);
        AddMarriage(random, extracts, facts, members, spouse);
        if (home.IncomePerHead is { } income && random.NextDouble() < 0.97)
        {
            facts.Add(new("household.income_per_head", "civil_affairs", clock.FreshOrStale(180, 0.03), income));
        }

        if (home.Dibao)
        {
            facts.Add(new("household.dibao", "civil_affairs", extracts.AsOf("household.dibao", home.District), true));
        }

        if (age >= 50)
        {
            var retired = age >= 60 || random.NextDouble() < 0.3;
            var type = !retired ? "none" : random.NextDouble() switch { < 0.65 => "enterprise", < 0.85 => "institution", _ => "none" };
            if (type != "none")
            {
                facts.Add(new("retirement.type", "hrss", extracts.AsOf("retirement.type", home.District), type));
            }
        }

        AddDisability(random, extracts, facts, age, home.District);
        if (age >= 45 && random.NextDouble() < 0.22)
        {
            facts.Add(new("only_child.certified", "health", extracts.AsOf("only_child.certified", home.District), true));
        }

        if (age < 18 && random.NextDouble() < 0.004)
        {
            facts.Add(new("orphan.certified", "civil_affairs", extracts.AsOf("orphan.certified", home.District), true));
        }

        if (age < 3 && random.NextDouble() < 0.95)
        {
            facts.Add(new("child.parent_registered_locally", "hukou", clock.Fresh(60), random.NextDouble() < 0.9));
        }

        if (age is >= 18 and < 60 && random.NextDouble() < 0.72)
        {
            AddEmployment(random, clock, extracts, facts, home.District);
        }

        if (age >= 22 && random.NextDouble() < 0.33)
        {
            facts.Add(new("housing.owns_home_locally", "housing", extracts.AsOf("housing.owns_home_locally", home.District), true));
        }

        return new GeneratedSubject("resident", id, facts);
    }

    // The death registry's extract lists deaths; civil affairs now and then records one it has not (a funeral subsidy),
    // or still holds an old record the registry has since corrected.
    private static void AddDeath(Random random, AsOfClock clock, RegistryExtracts extracts, List<GeneratedFact> facts, int age)
    {
        var deceased = random.NextDouble() < (age >= 80 ? 0.05 : 0.004);
        if (deceased)
        {
            facts.Add(new("deceased", "police", extracts.AsOf("deceased", 0), true));
        }

        var roll = random.NextDouble();
        if (roll < 0.004)
        {
            facts.Add(new("deceased", "civil_affairs", clock.Fresh(20), !deceased));
        }
        else if (roll < 0.007)
        {
            facts.Add(new("deceased", "civil_affairs", clock.Stale(TimeSpan.FromDays(30)), !deceased));
        }
    }

    // The marriage registry lists married residents with their spouse's identity number; now and then the link to the
    // spouse is missing from one side.
    private static void AddMarriage(Random random, RegistryExtracts extracts, List<GeneratedFact> facts, Member[] members, int? spouse)
    {
        if (spouse is not { } other)
        {
            return;
        }

        var asOf = extracts.AsOf("marriage.married", 0);
        facts.Add(new("marriage.married", "civil_affairs", asOf, true));
        if (random.NextDouble() < 0.99)
        {
            facts.Add(new("marriage.spouse", "civil_affairs", asOf, members[other].Id));
        }
    }

    // The disability register lists certificate holders (with their level); a few residents declare a certificate the
    // register does not hold.
    private static void AddDisability(Random random, RegistryExtracts extracts, List<GeneratedFact> facts, int age, int district)
    {
        var certified = random.NextDouble() < (age >= 60 ? 0.09 : 0.045);
        if (!certified)
        {
            if (random.NextDouble() < 0.005)
            {
                facts.Add(new("disability.certified", "self_declared", extracts.AsOf("disability.certified", district), true));
            }

            return;
        }

        var asOf = extracts.AsOf("disability.certified", district);
        facts.Add(new("disability.certified", "cdpf", asOf, true));
        if (random.NextDouble() < 0.97)
        {
            facts.Add(new("disability.level", "cdpf", asOf, random.NextDouble() switch { < 0.12 => 1, < 0.32 => 2, < 0.65 => 3, _ => 4 }));
        }
    }

    // The tax withholding register lists employees whose employer withholds tax in the city, with their wage; the
    // employer's district comes from social security, which has no complete extract.
    private static void AddEmployment(Random random, AsOfClock clock, RegistryExtracts extracts, List<GeneratedFact> facts, int home)
    {
        var wage = Math.Round((decimal)(30_000 + (random.NextDouble() * random.NextDouble() * 250_000)), 0);
        var district = Districts.Pick(random);
        var taxedLocally = district < 10 && random.NextDouble() < 0.9;
        var tax = extracts.AsOf("employment.employer_taxed_locally", home);
        if (taxedLocally)
        {
            facts.Add(new("employment.employer_taxed_locally", "tax", tax, true));
        }

        if (random.NextDouble() < 0.98)
        {
            facts.Add(new("employment.annual_wage", "tax", tax, wage));
        }
        else if (random.NextDouble() < 0.5)
        {
            facts.Add(new("employment.annual_wage", "self_declared", clock.Fresh(60), wage));
        }

        if (random.NextDouble() < 0.015)
        {
            facts.Add(new("employment.annual_wage", "hrss", clock.Fresh(300), wage + 20_000));
        }

        if (random.NextDouble() < 0.97)
        {
            facts.Add(new("employment.employer_district", "hrss", clock.FreshOrStale(90, 0.02), Districts.All[district].Name));
        }
    }

    private static GeneratedSubject Enterprise(Random random, AsOfClock clock, RegistryExtracts extracts, HashSet<string> codes, DateOnly today)
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

        // The list of serious violations is complete for the city: it names the violators.
        var violation = random.NextDouble() < 0.03;
        if (violation)
        {
            facts.Add(new("enterprise.serious_violation", "samr", extracts.AsOf("enterprise.serious_violation", district), true));
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

    /// <summary>One member of a household as drawn before any is written: age, identity number, birth date, and the index of their spouse.</summary>
    private sealed record Member(int Age, string Id, DateOnly Birth, int? SpouseOf);

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
