using System.Security.Cryptography;
using System.Text.Json;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Tests.Subjects;

/// <summary>Valid identity numbers and a registry with a fresh pseudonym key, so tests sharing a store never meet each other's subjects.</summary>
internal static class SubjectTestData
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static (SubjectRegistry Registry, SubjectRecordValidator Validator) NewRegistry(ITableStore tables, TimeProvider? time = null) =>
        SubjectsServiceCollectionExtensions.CreateRegistry(tables, NewKey(), time);

    /// <summary>A valid resident ID born on <paramref name="birth"/>, with sequence <paramref name="sequence"/> (0–999).</summary>
    public static string ResidentId(DateOnly birth, int sequence, string region = "330110")
    {
        var first17 = $"{region}{birth:yyyyMMdd}{sequence:D3}";
        return first17 + Domain.Values.ResidentId.CheckCharacter(first17);
    }

    public static RawObservation Fact(string fact, string source, string asOf, object value) =>
        new(fact, source, asOf, JsonSerializer.SerializeToElement(value), null);

    public static SubjectUpdate Valid(SubjectRecordValidator validator, string identifier, string batch, params RawObservation[] facts)
    {
        Assert.True(
            validator.TryValidate("resident", identifier, facts, (i, f) => $"facts[{i}].{f}", batch, DateTimeOffset.UtcNow, out var update, out var error),
            error?.ToString());
        return update;
    }
}
