namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>The body <see cref="RequestProbeFunctions"/> reads: an enum among its fields, as the app's bodies have.</summary>
public sealed record ProbeReading(string Name, DayOfWeek Day);
