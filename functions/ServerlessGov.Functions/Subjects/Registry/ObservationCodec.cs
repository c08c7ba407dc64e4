using System.Buffers;
using System.Text;
using System.Text.Json;
using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// The compact JSON a subject's observations are stored as (one table property): the distinct provenances once,
/// <c>{"p":[["batch",importedAtMs],…],"o":[["fact","source",value,asOfMs,p],…]}</c>, so a million residents with a
/// dozen facts each stay well under a kilobyte per subject.
/// </summary>
internal static class ObservationCodec
{
    public static string Encode(IReadOnlyList<StoredObservation> observations)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (observations.Count * 64));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var provenances = new List<(string Batch, long ImportedAt)>(2);
            var indexes = new int[observations.Count];
            for (var i = 0; i < observations.Count; i++)
            {
                var key = (observations[i].BatchId, observations[i].ImportedAt.ToUnixTimeMilliseconds());
                var index = provenances.IndexOf(key);
                if (index < 0)
                {
                    index = provenances.Count;
                    provenances.Add(key);
                }

                indexes[i] = index;
            }

            writer.WriteStartObject();
            writer.WriteStartArray("p");
            foreach (var (batch, importedAt) in provenances)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(batch);
                writer.WriteNumberValue(importedAt);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("o");
            for (var i = 0; i < observations.Count; i++)
            {
                var o = observations[i];
                writer.WriteStartArray();
                writer.WriteStringValue(o.Fact);
                writer.WriteStringValue(o.Source);
                FactValues.Write(writer, o.Value);
                writer.WriteNumberValue(o.AsOf.ToUnixTimeMilliseconds());
                writer.WriteNumberValue(indexes[i]);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Decodes stored observations; facts or sources the dictionary no longer has, or values that no longer fit its type, are left out.</summary>
    public static List<StoredObservation> Decode(string json, DataDictionary dictionary)
    {
        using var document = JsonDocument.Parse(json);
        var provenances = new List<(string Batch, DateTimeOffset ImportedAt)>();
        foreach (var p in document.RootElement.GetProperty("p").EnumerateArray())
        {
            provenances.Add((p[0].GetString()!, DateTimeOffset.FromUnixTimeMilliseconds(p[1].GetInt64())));
        }

        var observations = new List<StoredObservation>();
        foreach (var o in document.RootElement.GetProperty("o").EnumerateArray())
        {
            var name = o[0].GetString()!;
            var source = o[1].GetString()!;
            if (!dictionary.TryGetFact(name, out var fact) || !dictionary.TryGetSource(source, out _)
                || !FactValues.TryRead(fact, o[2], out var value, out _))
            {
                continue;
            }

            var (batch, importedAt) = provenances[o[4].GetInt32()];
            observations.Add(new StoredObservation(name, source, value, DateTimeOffset.FromUnixTimeMilliseconds(o[3].GetInt64()), importedAt, batch));
        }

        return observations;
    }
}
