namespace ServerlessGov.Functions.Worker;

/// <summary>
/// Tells whether the Azure Functions host started this process as its isolated worker, so <c>Program.cs</c> runs the
/// real worker there and the local runtime everywhere else (<c>dotnet run</c>, tests, the container).
/// </summary>
public static class FunctionsHostStart
{
    /// <summary>The configuration key the worker reads the host's gRPC endpoint from (also <c>Functions__Worker__HostEndpoint</c>).</summary>
    public const string HostEndpointKey = "Functions:Worker:HostEndpoint";

    /// <summary>
    /// True when the host passed the worker its endpoint: the <c>--functions-uri</c> argument (the host's command line for
    /// a .NET isolated worker), or <c>Functions__Worker__HostEndpoint</c> in the environment.
    /// </summary>
    public static bool IsWorker(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        return args.Any(a => a.Equals("--functions-uri", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--functions-uri=", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(environment(HostEndpointKey.Replace(":", "__", StringComparison.Ordinal)));
    }
}
