using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Policies.Storage;

/// <summary>A policy's working draft as stored: the document text and the revision its HTTP ETag is made of.</summary>
internal sealed record StoredDraft(string PolicyId, string Json, string Revision, DateTimeOffset UpdatedAt, string UpdatedBy, ETag StoreETag);
