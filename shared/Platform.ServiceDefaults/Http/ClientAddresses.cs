using System.Net;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Which client a request is counted against (recipient lookups, logins): the connection's peer, unless that peer is a trusted proxy — then the
/// nearest address in <c>X-Forwarded-For</c> (read from the right) that is not a trusted proxy itself. A header
/// from anyone else is ignored: a client cannot escape its count by writing one. An IPv6 client is counted by its
/// /64 network: one host holds a whole /64 and could otherwise rotate through addresses to escape its count.
/// </summary>
public static class ClientAddresses
{
    /// <summary>The key the client is counted by: its address, or for IPv6 its /64 network.</summary>
    public static string Resolve(IPAddress? peer, string? forwardedFor, IReadOnlyList<IPNetwork> trustedProxies) =>
        ResolveAddress(peer, forwardedFor, trustedProxies) is { } client ? Key(client) : "unknown";

    /// <summary>The client's own address (null when the connection has no peer, as in-process test hosts).</summary>
    public static IPAddress? ResolveAddress(IPAddress? peer, string? forwardedFor, IReadOnlyList<IPNetwork> trustedProxies)
    {
        if (peer is null)
        {
            return null;
        }

        var client = Normalize(peer);
        if (!Trusted(client, trustedProxies) || string.IsNullOrWhiteSpace(forwardedFor))
        {
            return client;
        }

        foreach (var entry in forwardedFor.Split(',').Reverse())
        {
            if (!TryParseHop(entry.Trim(), out var hop))
            {
                // A hop we cannot read: the last trusted one is the best we know.
                break;
            }

            client = Normalize(hop);
            if (!Trusted(client, trustedProxies))
            {
                break;
            }
        }

        return client;
    }

    /// <summary>An address, with or without a port ("198.51.100.1:5678", "[2001:db8::1]:5678").</summary>
    private static bool TryParseHop(string entry, out IPAddress address)
    {
        if (IPAddress.TryParse(entry, out address!))
        {
            return true;
        }

        if (IPEndPoint.TryParse(entry, out var endpoint))
        {
            address = endpoint.Address;
            return true;
        }

        return false;
    }

    public static string Key(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? new IPNetwork(address, 64).BaseAddress + "/64"
        : address.ToString();

    /// <summary>Parses addresses and CIDR networks ("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"); an invalid entry throws.</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string> entries) =>
        [.. entries.Select(e => e.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(e.Trim())
            : new IPNetwork(IPAddress.Parse(e.Trim()), IPAddress.Parse(e.Trim()).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))];

    private static bool Trusted(IPAddress address, IReadOnlyList<IPNetwork> trustedProxies) => trustedProxies.Any(n => n.Contains(address));

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
