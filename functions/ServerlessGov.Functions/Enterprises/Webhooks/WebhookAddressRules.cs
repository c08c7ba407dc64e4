using System.Net;
using System.Net.Sockets;

namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>
/// Which IP addresses an enterprise webhook may not resolve to: anything that is not a public unicast address
/// (loopback, private, link-local including the cloud metadata endpoint 169.254.169.254, unspecified, multicast,
/// and the other special-purpose ranges), so a registered URL cannot make the app call its own network.
/// </summary>
public static class WebhookAddressRules
{
    /// <summary>Why <paramref name="address"/> may not be called (e.g. "loopback"), or null when it is a public address.</summary>
    public static string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => RefusalV6(address),
            _ => "non-IP",
        };
    }

    private static string? RefusalV4(byte[] b) => b switch
    {
        [0, 0, 0, 0] => "unspecified",
        [0, ..] => "unspecified (0.0.0.0/8)",
        [127, ..] => "loopback",
        [10, ..] => "private (RFC 1918)",
        [172, >= 16 and <= 31, ..] => "private (RFC 1918)",
        [192, 168, ..] => "private (RFC 1918)",
        [169, 254, ..] => "link-local (169.254.0.0/16, the cloud metadata range)",
        [100, >= 64 and <= 127, ..] => "shared (carrier-grade NAT, 100.64.0.0/10)",
        [192, 0, 0, _] => "special-purpose (192.0.0.0/24)",
        [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
        [>= 224 and <= 239, ..] => "multicast",
        [255, 255, 255, 255] => "broadcast",
        [>= 240, ..] => "reserved (240.0.0.0/4)",
        _ => null,
    };

    private static string? RefusalV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }

        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.IsIPv6Multicast)
        {
            return "multicast";
        }

        if (address.IsIPv6LinkLocal)
        {
            return "link-local (fe80::/10)";
        }

        if (address.IsIPv6SiteLocal)
        {
            return "site-local (fec0::/10)";
        }

        if ((b[0] & 0xfe) == 0xfc)
        {
            return "private (unique local, fc00::/7)";
        }

        // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses carry an IPv4 address
        // that a gateway may reach: judge that one.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return RefusalV4(b[12..]) ?? "IPv4-compatible";
        }

        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return RefusalV4(b[12..]);
        }

        return b is [0x20, 0x02, ..] ? RefusalV4(b[2..6]) : null;
    }
}
