using System.Collections;

namespace ServerlessGov.Storage.Tables;

/// <summary>
/// A row of a table: partition key, row key, and typed properties (string, int, long, double, bool,
/// <see cref="DateTimeOffset"/> as a UTC instant, <see cref="Guid"/> and <c>byte[]</c>). Setting a property to null
/// removes it, as Azure Table storage does not store nulls.
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>The partition the entity lives in; queries and batches are cheapest within one.</summary>
    public string PartitionKey { get; }

    /// <summary>The entity's key within its partition; rows are ordered by it (ordinal).</summary>
    public string RowKey { get; }

    /// <summary>The version the store returned on read or write; <c>default</c> on an entity built by the caller.</summary>
    public ETag ETag { get; set; }

    /// <summary>When the store last wrote the entity (UTC); null on an entity built by the caller.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The number of custom properties (keys and system properties excluded).</summary>
    public int Count => _properties.Count;

    /// <summary>The custom property names, in no particular order.</summary>
    public IEnumerable<string> Keys => _properties.Keys;

    /// <summary>Gets a property (null when absent) or sets one (null removes it).</summary>
    /// <exception cref="ArgumentException">The value is not one of the supported property types.</exception>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ArgumentNullException.ThrowIfNull(name);
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            _properties[name] = Normalize(name, value);
        }
    }

    /// <summary>True when the entity has the property.</summary>
    public bool ContainsKey(string name) => _properties.ContainsKey(name);

    /// <summary>Removes a property; true when it was there.</summary>
    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => (string?)this[name];

    public int? GetInt32(string name) => (int?)this[name];

    public long? GetInt64(string name) => this[name] switch
    {
        null => null,
        int i => i,
        var v => (long)v,
    };

    public double? GetDouble(string name) => (double?)this[name];

    public bool? GetBoolean(string name) => (bool?)this[name];

    public DateTimeOffset? GetDateTimeOffset(string name) => (DateTimeOffset?)this[name];

    public Guid? GetGuid(string name) => (Guid?)this[name];

    public byte[]? GetBinary(string name) => (byte[]?)this[name];

    /// <summary>A deep copy with the same keys, properties, ETag and timestamp.</summary>
    public TableEntity Clone()
    {
        var copy = new TableEntity(PartitionKey, RowKey) { ETag = ETag, Timestamp = Timestamp };
        foreach (var (name, value) in _properties)
        {
            copy._properties[name] = value is byte[] bytes ? bytes.ToArray() : value;
        }

        return copy;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static object Normalize(string name, object value) => value switch
    {
        string or int or long or double or bool or Guid or byte[] => value,
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime => throw new ArgumentException(
            $"Property '{name}' is a DateTime; use DateTimeOffset so the instant is unambiguous (stored as UTC).", nameof(value)),
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}; supported types are string, int, long, double, bool, DateTimeOffset, Guid and byte[].",
            nameof(value)),
    };
}
