using System.Text.Json;

namespace ServerlessGov.Durable;

/// <summary>Turns inputs, outputs, events and custom status into the JSON kept in history and messages.</summary>
public sealed class DataConverter
{
    /// <summary>Uses <paramref name="options"/>, or web defaults (camelCase) when null.</summary>
    public DataConverter(JsonSerializerOptions? options = null)
    {
        Options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    /// <summary>The serializer options in use.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>JSON text for a value, or null for null.</summary>
    public string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>A value from JSON text; default for null text.</summary>
    /// <exception cref="JsonException">The text does not fit the type.</exception>
    public object? Deserialize(string? json, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return json is null ? null : JsonSerializer.Deserialize(json, type, Options);
    }

    /// <summary>A value from JSON text; default for null text.</summary>
    /// <exception cref="JsonException">The text does not fit the type.</exception>
    public T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
