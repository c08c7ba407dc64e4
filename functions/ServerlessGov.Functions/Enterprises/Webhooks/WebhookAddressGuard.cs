using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>
/// Keeps enterprise webhooks off the app's own network (SSRF). At registration it checks the URL and every address
/// its host resolves to; on every connection of the webhook HTTP client it resolves the host again and connects only
/// when every address is allowed, so a DNS answer that changes after registration (rebinding) is caught as well.
/// <see cref="WebhookOptions.AllowPrivateNetworks"/> lifts the address rules for local development and tests.
/// </summary>
public sealed class WebhookAddressGuard
{
    private readonly WebhookOptions _options;

    /// <summary>Creates the guard.</summary>
    public WebhookAddressGuard(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>
    /// The URL an enterprise asked to register, when it is absolute, without credentials, https (plain http only for a
    /// loopback host with <see cref="WebhookOptions.AllowPrivateNetworks"/>) and its host resolves to public addresses only.
    /// </summary>
    /// <exception cref="ServerlessGov.Hosting.Http.RequestValidationException">The URL breaks one of these rules (field <c>url</c>).</exception>
    public async Task<Uri> CheckRegistrationAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw Invalid("must be an absolute https URL without credentials");
        }

        if (url.Scheme == Uri.UriSchemeHttp)
        {
            if (!_options.AllowPrivateNetworks)
            {
                throw Invalid($"must use https (plain http only for a loopback host, and only with {WebhookOptions.Section}:AllowPrivateNetworks)");
            }

            if (!url.IsLoopback)
            {
                throw Invalid("must use https (plain http is accepted for a loopback host only)");
            }
        }

        if (_options.AllowPrivateNetworks)
        {
            return url;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            throw Invalid($"must name a host that resolves: '{url.IdnHost}' did not");
        }

        if (FirstRefused(addresses) is var (address, refusal))
        {
            throw Invalid($"must not point at a {refusal} address: '{url.IdnHost}' is {address}");
        }

        return url;
    }

    /// <summary>
    /// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses when any
    /// address is forbidden, otherwise connects to the addresses in turn.
    /// </summary>
    /// <exception cref="ForbiddenWebhookAddressException">The host resolves to an address the app may not call.</exception>
    /// <exception cref="SocketException">The host did not resolve, or no address accepted the connection.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (!_options.AllowPrivateNetworks && FirstRefused(addresses) is var (address, refusal))
        {
            throw new ForbiddenWebhookAddressException($"The webhook host '{host}' resolves to {address}, a {refusal} address, which the app does not call.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // The first address the app may not call, with the reason, or null when every address is public.
    private static (IPAddress Address, string Refusal)? FirstRefused(IPAddress[] addresses)
    {
        foreach (var address in addresses)
        {
            if (WebhookAddressRules.Refusal(address) is { } refusal)
            {
                return (address, refusal);
            }
        }

        return null;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var addresses = IPAddress.TryParse(bare, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }

    private static ServerlessGov.Hosting.Http.RequestValidationException Invalid(string rule) => new("url", rule);
}
