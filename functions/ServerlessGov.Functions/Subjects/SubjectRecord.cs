using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects;

/// <summary>One subject as evaluation sees it: its pseudonymous id, its kind and every fact with source and as-of.</summary>
public sealed record SubjectRecord(SubjectId Id, SubjectKind Kind, IReadOnlyList<FactValue> Facts);
