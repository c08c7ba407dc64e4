using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Population;

namespace ServerlessGov.Functions.Tests.Subjects;

public sealed class PopulationGeneratorTests
{
    private static readonly PopulationOptions Options = new() { Seed = 42, Residents = 5_000, Enterprises = 1_000, ReferenceDate = new DateOnly(2026, 3, 1) };

    [Fact]
    public async Task Generate_SameSeed_ByteIdenticalOutput_OtherSeedDiffers()
    {
        var a = await NdjsonAsync(Options);
        var b = await NdjsonAsync(Options);
        var c = await NdjsonAsync(Options with { Seed = 43 });

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Generate_EveryIdentifierValidUniqueAndBirthDateMatchesTheResidentId()
    {
        var subjects = PopulationGenerator.Generate(Options).ToList();

        Assert.Equal(6_000, subjects.Select(s => s.Id).Distinct().Count());
        foreach (var resident in subjects.Where(s => s.Kind == "resident"))
        {
            Assert.True(ResidentId.TryParse(resident.Id, out var id));
            Assert.Equal(id.BirthDate, (DateOnly)resident.Facts.Single(f => f.Fact == "birth_date").Value);
        }

        Assert.All(subjects.Where(s => s.Kind == "enterprise"), e => Assert.True(UnifiedSocialCreditCode.TryParse(e.Id, out _)));
    }

    [Fact]
    public void Generate_FactsFitTheDictionaryAndTheSamplePoliciesMatchARealisticShare()
    {
        var dictionary = DataDictionary.Default;
        var subjects = PopulationGenerator.Generate(Options).ToList();
        foreach (var fact in subjects.SelectMany(s => s.Facts))
        {
            Assert.True(dictionary.TryGetFact(fact.Fact, out var definition), fact.Fact);
            Assert.True(dictionary.TryGetSource(fact.Source, out _), fact.Source);
            Assert.True(fact.AsOf < new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)));
            if (definition.Type == FactType.Enum)
            {
                Assert.True(definition.EnumValues.Contains((string)fact.Value), fact.Fact);
            }
        }

        var residents = subjects.Where(s => s.Kind == "resident").ToList();
        double Share(Func<GeneratedSubject, bool> test) => residents.Count(test) / (double)residents.Count;
        var over80 = Share(r => ((DateOnly)r.Facts.Single(f => f.Fact == "birth_date").Value).AddYears(80) <= Options.ReferenceDate);
        var yuhang = Share(r => r.Facts.Any(f => f.Fact == "household.district" && f.Source == "hukou" && (string)f.Value == "余杭区"));
        var deathRecorded = Share(r => r.Facts.Any(f => f.Fact == "deceased" && f.Source == "police"));
        var conflicting = Share(r => r.Facts.Any(f => f.Fact == "deceased" && f.Source == "civil_affairs"));
        var married = Share(r => r.Facts.Any(f => f.Fact == "marriage.married"));

        Assert.InRange(over80, 0.04, 0.12);
        Assert.InRange(yuhang, 0.18, 0.32);
        Assert.InRange(deathRecorded, 0.002, 0.03);
        Assert.InRange(conflicting, 0.0005, 0.02);
        Assert.InRange(married, 0.2, 0.45);
    }

    [Fact]
    public void Extracts_DeclaredAsTheDictionaryAllows_AndEveryRecordOfAnExtractCarriesItsAsOf()
    {
        var dictionary = DataDictionary.Default;
        var extracts = PopulationGenerator.Extracts(Options);
        var subjects = PopulationGenerator.Generate(Options).ToList();

        Assert.All(extracts, e => Assert.Null(CoverageDeclaration.Check(dictionary, e.Source, e.Facts, e.ScopeFact, e.ScopeValues)));
        Assert.Contains(extracts, e => e.Source == "police" && e.Facts.Contains("deceased") && e.ScopeFact is null);
        Assert.Contains(extracts, e => e.Source == "cdpf" && e.ScopeValues.Contains("余杭区"));
        var asOfs = extracts.Select(e => e.AsOf).ToHashSet();
        var complete = extracts.SelectMany(e => e.Facts.Select(f => (f, e.Source))).ToHashSet();
        Assert.All(subjects.SelectMany(s => s.Facts).Where(f => complete.Contains((f.Fact, f.Source))), f => Assert.Contains(f.AsOf, asOfs));
    }

    [Fact]
    public void Generate_MarriedResidents_NameEachOtherAsSpouses()
    {
        var residents = PopulationGenerator.Generate(Options).Where(s => s.Kind == "resident").ToDictionary(s => s.Id);
        var spouses = residents.Values.Select(r => (r.Id, Spouse: r.Facts.SingleOrDefault(f => f.Fact == "marriage.spouse")?.Value as string)).Where(p => p.Spouse is not null).ToList();

        Assert.True(spouses.Count > 500, $"{spouses.Count} residents name a spouse");
        Assert.All(spouses, p => Assert.True(residents.ContainsKey(p.Spouse!), "the spouse is a generated resident"));
        Assert.True(spouses.Count(p => residents[p.Spouse!].Facts.Any(f => f.Fact == "marriage.spouse" && (string)f.Value == p.Id)) > spouses.Count * 0.97, "spouses name each other");
    }

    private static async Task<byte[]> NdjsonAsync(PopulationOptions options)
    {
        using var stream = new MemoryStream();
        await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), stream);
        return stream.ToArray();
    }
}
