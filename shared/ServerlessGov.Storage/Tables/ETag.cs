namespace ServerlessGov.Storage.Tables;

/// <summary>An entity version tag for optimistic concurrency; <see cref="All"/> matches any version.</summary>
public readonly record struct ETag
{
    /// <summary>The wildcard that makes a write unconditional (<c>If-Match: *</c>).</summary>
    public static readonly ETag All = new("*");

    public ETag(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
    }

    /// <summary>The opaque tag as the store issued it.</summary>
    public string Value { get; }

    /// <summary>True for the default value, which no write returns and no conditional call accepts.</summary>
    public bool IsEmpty => Value is null;

    public override string ToString() => Value ?? string.Empty;
}
