using System.Net;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Which client a request is counted against (recipient lookups, logins): the connection's peer — which ASP.NET Core's
/// forwarded-headers middleware (<see cref="ProxyTrust"/>) has replaced by the client a trusted proxy
/// forwarded for; a header from anyone else is ignored, so a client cannot escape its count by writing one. An IPv6
/// client is counted by its /64 network: one host holds a whole /64 and could otherwise rotate through addresses to
/// escape its count.
/// </summary>
public static class ClientAddresses
{
    /// <summary>The client's own address (null when the connection has no peer, as in-process test hosts).</summary>
    public static IPAddress? Of(HttpContext http) => http.Connection.RemoteIpAddress is { } peer ? Normalize(peer) : null;

    /// <summary>The key the client is counted by: its address, or for IPv6 its /64 network.</summary>
    public static string KeyOf(HttpContext http) => Of(http) is { } client ? Key(client) : "unknown";

    public static string Key(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? new IPNetwork(address, 64).BaseAddress + "/64"
        : address.ToString();

    /// <summary>Parses addresses and CIDR networks ("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"); an invalid entry throws.</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string> entries) =>
        [.. entries.Select(e => e.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(e.Trim())
            : new IPNetwork(IPAddress.Parse(e.Trim()), IPAddress.Parse(e.Trim()).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))];

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
