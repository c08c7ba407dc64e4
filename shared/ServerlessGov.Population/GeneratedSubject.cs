namespace ServerlessGov.Population;

/// <summary>One generated subject in the registry's import shape: kind (<c>resident</c> or <c>enterprise</c>), identity number and facts.</summary>
public sealed record GeneratedSubject(string Kind, string Id, IReadOnlyList<GeneratedFact> Facts);
