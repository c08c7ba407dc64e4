namespace ServerlessGov.Functions.Policies.Views;

/// <summary>What a publish may add to the draft: the effective window, when it differs from the document's.</summary>
/// <param name="EffectiveFrom">The first day the version applies; the document's <c>effective.from</c> when null.</param>
/// <param name="EffectiveUntil">The last day it applies; the document's <c>effective.until</c> when null.</param>
public sealed record PublishRequest(DateOnly? EffectiveFrom, DateOnly? EffectiveUntil);
