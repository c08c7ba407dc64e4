namespace ServerlessGov.Functions.Subjects.Api;

/// <summary>A subject as the API shows it: pseudonymous id, masked identity number, and every observation with its provenance.</summary>
public sealed record SubjectView(string SubjectId, string Kind, string? MaskedIdentifier, DateTimeOffset? UpdatedAt, IReadOnlyList<ObservationView> Facts);

/// <summary>One stored observation with its provenance.</summary>
public sealed record ObservationView(string Fact, string Source, string Value, DateTimeOffset AsOf, DateTimeOffset ImportedAt, string BatchId);
