using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Policies.Storage;

/// <summary>A published version as stored: the document never changes; only retirement is recorded on it later.</summary>
internal sealed record StoredVersion(
    string PolicyId,
    int Version,
    string Json,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    DateTimeOffset? RetiredAt,
    string? RetiredBy,
    string? RetireReason,
    ETag StoreETag);
