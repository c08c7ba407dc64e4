using System.Text.Json;

namespace ServerlessGov.Functions.Policies.Views;

/// <summary>A policy's working draft as the API shows it; <see cref="ETag"/> goes back in <c>If-Match</c> to change or publish it.</summary>
/// <param name="PolicyId">The policy the draft belongs to.</param>
/// <param name="Version">The version it will be published as (assigned by the server).</param>
/// <param name="ETag">The draft's current entity tag, quoted as in the HTTP header.</param>
/// <param name="UpdatedAt">When it was last saved (UTC).</param>
/// <param name="UpdatedBy">Who saved it last.</param>
/// <param name="Document">The policy document as saved.</param>
public sealed record PolicyDraftView(string PolicyId, int Version, string ETag, DateTimeOffset UpdatedAt, string UpdatedBy, JsonElement Document);
