using System.Text.Json;

namespace ServerlessGov.Functions.Policies.Views;

/// <summary>A published version: the immutable document, its effective window, who published it, and its retirement if any.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Version">The version number (1, 2, …).</param>
/// <param name="Status"><c>published</c> or <c>retired</c>.</param>
/// <param name="EffectiveFrom">The first day it applies (yyyy-MM-dd).</param>
/// <param name="EffectiveUntil">The last day it applies, if set.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="PublishedBy">Who published it.</param>
/// <param name="RetiredAt">When it was retired, if it was.</param>
/// <param name="RetiredBy">Who retired it.</param>
/// <param name="RetireReason">Why it was retired.</param>
/// <param name="Document">The published document; never changes.</param>
public sealed record PolicyVersionView(
    string PolicyId,
    int Version,
    string Status,
    string EffectiveFrom,
    string? EffectiveUntil,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    DateTimeOffset? RetiredAt,
    string? RetiredBy,
    string? RetireReason,
    JsonElement Document);
