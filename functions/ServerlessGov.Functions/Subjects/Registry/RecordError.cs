namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>Why an input record was refused: the field (e.g. <c>facts[2].value</c>) and the rule it broke. Never carries the value.</summary>
public sealed record RecordError(string Field, string Rule);
