using System.Text.Json;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>One fact observation as an input spelt it, before validation: the value is JSON (NDJSON, queue messages) or text (CSV).</summary>
public readonly record struct RawObservation(string? Fact, string? Source, string? AsOf, JsonElement? Json, string? Text);
