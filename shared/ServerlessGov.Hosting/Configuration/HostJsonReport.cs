namespace ServerlessGov.Hosting.Configuration;

/// <summary>The host.json keys found but not supported, warned about at start.</summary>
internal sealed record HostJsonReport(IReadOnlyList<string> UnknownKeys);
