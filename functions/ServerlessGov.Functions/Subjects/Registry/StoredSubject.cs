using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>A subject with every stored observation and its full provenance, as the registry API shows it.</summary>
public sealed record StoredSubject(SubjectId Id, SubjectKind Kind, IReadOnlyList<StoredObservation> Observations, DateTimeOffset? UpdatedAt);
