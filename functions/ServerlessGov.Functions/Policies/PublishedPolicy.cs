using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Policies;

/// <summary>An immutable published policy version with who published it and when, and when it was retired if it was.</summary>
public sealed record PublishedPolicy(PolicyDocument Document, DateTimeOffset PublishedAt, string PublishedBy, DateTimeOffset? RetiredAt)
{
    /// <summary>True when the version applies on <paramref name="date"/>: inside its effective window and not retired.</summary>
    public bool IsEffectiveOn(BusinessDate date) => RetiredAt is null && Document.IsEffectiveOn(date);
}
