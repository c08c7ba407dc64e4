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
        var noDeathCheck = Share(r => !r.Facts.Any(f => f.Fact == "deceased"));
        var conflicting = Share(r => r.Facts.Count(f => f.Fact == "deceased") == 2);

        Assert.InRange(over80, 0.04, 0.12);
        Assert.InRange(yuhang, 0.18, 0.32);
        Assert.InRange(noDeathCheck, 0.01, 0.06);
        Assert.InRange(conflicting, 0.0005, 0.02);
    }

    private static async Task<byte[]> NdjsonAsync(PopulationOptions options)
    {
        using var stream = new MemoryStream();
        await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), stream);
        return stream.ToArray();
    }
}
