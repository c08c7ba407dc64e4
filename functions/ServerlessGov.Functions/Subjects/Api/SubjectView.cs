namespace ServerlessGov.Functions.Subjects.Api;

/// <summary>A subject as the API shows it: pseudonymous id, masked identity number, and every observation with its provenance.</summary>
public sealed record SubjectView(string SubjectId, string Kind, string? MaskedIdentifier, DateTimeOffset? UpdatedAt, IReadOnlyList<ObservationView> Facts);

/// <summary>One stored observation with its provenance.</summary>
public sealed record ObservationView(string Fact, string Source, string Value, DateTimeOffset AsOf, DateTimeOffset ImportedAt, string BatchId);

/// <summary>The body of <c>POST /api/subjects/lookup</c>: an identity number, which never goes in a URL.</summary>
/// <param name="Kind"><c>resident</c>, <c>household</c> or <c>enterprise</c>.</param>
/// <param name="Identifier">The resident ID, household number or unified social credit code.</param>
public sealed record SubjectLookupRequest(string Kind, string Identifier);

/// <summary>The subject an identity number belongs to: its pseudonymous id (for URLs) and the number masked.</summary>
public sealed record SubjectLookupResult(string SubjectId, string Kind, string MaskedIdentifier);
