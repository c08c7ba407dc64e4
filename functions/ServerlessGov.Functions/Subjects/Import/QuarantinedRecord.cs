namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>A record an import refused: its line number, the field and the rule it broke. The record's content is not kept (it may hold an identity number).</summary>
public sealed record QuarantinedRecord(long Line, string Field, string Rule);
