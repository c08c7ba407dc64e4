namespace ServerlessGov.Population;

/// <summary>
/// One complete extract a source delivers with the population, declared in the import (docs/SUBJECTS.md): the source,
/// the facts it is complete for, whom it covers (every subject when <see cref="ScopeFact"/> is null) and as of when.
/// </summary>
public sealed record GeneratedExtract(string Source, IReadOnlyList<string> Facts, string? ScopeFact, IReadOnlyList<string> ScopeValues, DateTimeOffset AsOf);
