using Microsoft.AspNetCore.StaticAssets;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Commands;

/// <summary>
/// <c>endpoints</c>: lists every HTTP endpoint of the app with who may call it, and fails (exit 1) when one is open
/// without having been declared public, so a CI step or a reviewer can check the whole surface at once.
/// </summary>
public sealed class EndpointsCommand : IAppCommand
{
    /// <inheritdoc />
    public string Name => "endpoints";

    /// <inheritdoc />
    public string Usage => " lists every HTTP endpoint and who may call it; exits 1 if one is open without being declared public";

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sources = ((IEndpointRouteBuilder)context.App).DataSources;
        var endpoints = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        // A Release build maps each file of the published console as an endpoint of its own (one per encoding): they are
        // the console's files of the /{*path} row and are not listed one by one; the audit below checks each of them.
        foreach (var endpoint in endpoints.Where(e => !IsConsoleFile(e)).OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal))
        {
            var methods = string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]);
            var callers = endpoint.Metadata.GetMetadata<FunctionAuthorization>()?.ToString() ?? "not declared";
            await context.Output.WriteLineAsync($"{methods} /{endpoint.RoutePattern.RawText?.TrimStart('/')}  ({callers})").ConfigureAwait(false);
        }

        var open = EndpointAudit.FindUnprotected(sources);
        foreach (var endpoint in open)
        {
            await context.Error.WriteLineAsync($"Open without being declared public: {endpoint}").ConfigureAwait(false);
        }

        return open.Count == 0 ? 0 : 1;
    }

    private static bool IsConsoleFile(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
}
