namespace ServerlessGov.Domain.Sla;

/// <summary>A stretch during which the clock stops (waiting for the resident's evidence); open while <see cref="Until"/> is null.</summary>
public sealed record SlaPause(DateTimeOffset From, DateTimeOffset? Until);
