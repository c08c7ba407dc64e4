using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Functions.Tests.Subjects;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>Writes residents into the host's real subject registry through its own validation, as an import would.</summary>
internal static class RegistryData
{
    private static int _sequence;

    /// <summary>A resident born on <paramref name="birth"/> with the given observations; returns the pseudonymous id.</summary>
    public static Task<SubjectId> AddResidentAsync(IServiceProvider services, DateOnly birth, params RawObservation[] facts) =>
        AddResidentAsync(services, SubjectTestData.ResidentId(birth, Interlocked.Increment(ref _sequence) % 1000), birth, facts);

    /// <summary>A resident with the given identity number, born on <paramref name="birth"/>, with the given observations; returns the pseudonymous id.</summary>
    public static async Task<SubjectId> AddResidentAsync(IServiceProvider services, string identifier, DateOnly birth, params RawObservation[] facts)
    {
        var registry = services.GetRequiredService<SubjectRegistry>();
        var validator = services.GetRequiredService<SubjectRecordValidator>();
        var all = facts.Prepend(SubjectTestData.Fact("birth_date", "hukou", "2026-03-01T00:00:00Z", birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
        Assert.True(
            validator.TryValidate("resident", identifier, all, (i, f) => $"facts[{i}].{f}", "policy-tests", services.GetRequiredService<TimeProvider>().GetUtcNow(), out var update, out var error),
            error?.ToString());
        await registry.ApplyAsync([update]);
        return update.Id;
    }

    public static RawObservation District(string district) => SubjectTestData.Fact("household.district", "hukou", "2026-03-01T00:00:00Z", district);

    public static RawObservation Alive(string asOf = "2026-03-09T00:00:00Z") => SubjectTestData.Fact("deceased", "police", asOf, false);
}
