namespace ServerlessGov.Population;

/// <summary>One generated observation: a dictionary fact, the source that reports it, as of when, and the value (bool, int, decimal, string, <see cref="DateOnly"/> or string[]).</summary>
public sealed record GeneratedFact(string Fact, string Source, DateTimeOffset AsOf, object Value);
