using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// An entity in the Table service's JSON format: Int32, bool and string plain; Int64 (as a string), Double,
/// DateTime, Guid and Binary annotated with <c>Name@odata.type</c>, so the service stores the intended type.
/// </summary>
internal static class EntityJson
{
    private const string TypeSuffix = "@odata.type";

    // Every non-ASCII character goes out as a \u escape. Azurite turns each received piece of a body into text on its
    // own, so a raw multi-byte character that straddles two pieces would be stored as U+FFFD (docs/STORAGE.md).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };

    public static byte[] Write(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(TableFilterNames.PartitionKey, entity.PartitionKey);
            writer.WriteString(TableFilterNames.RowKey, entity.RowKey);
            foreach (var (name, value) in entity)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TableEntity Read(JsonElement element)
    {
        var partitionKey = element.GetProperty(TableFilterNames.PartitionKey).GetString()!;
        var rowKey = element.GetProperty(TableFilterNames.RowKey).GetString()!;
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is TableFilterNames.PartitionKey or TableFilterNames.RowKey
                || name.StartsWith("odata.", StringComparison.Ordinal)
                || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                if (name == "odata.etag")
                {
                    entity.ETag = new ETag(property.Value.GetString()!);
                }

                continue;
            }

            var type = element.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            if (name == TableFilterNames.Timestamp)
            {
                entity.Timestamp = ParseInstant(property.Value.GetString()!);
                continue;
            }

            entity[name] = ReadValue(property.Value, type);
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case long number:
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                break;
            case double number:
                if (double.IsFinite(number))
                {
                    writer.WriteNumber(name, number);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                }

                writer.WriteString(name + TypeSuffix, "Edm.Double");
                break;
            case DateTimeOffset instant:
                writer.WriteString(name, FormatInstant(instant));
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                break;
            case Guid id:
                writer.WriteString(name, id.ToString("D"));
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                break;
            default:
                throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput", $"Property '{name}' has an unsupported type.");
        }
    }

    private static object ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble(),
        "Edm.DateTime" => ParseInstant(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString()!,
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var number) && !value.GetRawText().Contains('.', StringComparison.Ordinal) => number,
            JsonValueKind.Number => value.GetDouble(),
            _ => throw new StorageException(StorageErrorKind.Other, 500, "InvalidResponse", $"The service returned a property of JSON kind {value.ValueKind}."),
        },
    };

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    internal static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
