namespace ServerlessGov.Domain.Dictionary;

/// <summary>A data source (户籍, 民政, 人社 …) that facts come from, with its bilingual name for explanations.</summary>
public sealed record SourceDefinition(int Id, string Code, LocalizedText Name);
