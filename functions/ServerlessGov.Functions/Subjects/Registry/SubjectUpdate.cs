using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// Validated observations for one subject, ready to merge into the registry. <see cref="Identifier"/> is the
/// normalised identity number when the input named one (it is stored once, in the identities table), null when the
/// input named the subject by its pseudonymous id.
/// </summary>
public sealed record SubjectUpdate(SubjectId Id, SubjectKind Kind, string? Identifier, IReadOnlyList<StoredObservation> Observations)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id.Value).Append(", Kind = ").Append(Kind).Append(", Observations = ").Append(Observations.Count);
        return true;
    }
}
