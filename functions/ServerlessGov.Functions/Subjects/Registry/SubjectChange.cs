using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>What applying an update did to one subject: the facts whose stored observation changed (empty when nothing did).</summary>
public sealed record SubjectChange(SubjectId Id, SubjectKind Kind, IReadOnlyList<string> ChangedFacts, bool Created);
