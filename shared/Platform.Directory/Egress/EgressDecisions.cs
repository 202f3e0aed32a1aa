using System.Net;
using System.Net.Sockets;

namespace Platform.Directory.Egress;

/// <summary>The egress decision for one resolved address, as a pure function of the rules.</summary>
public static class EgressDecisions
{
    // Never reached on a domain admin's behalf unless platform configuration allows the network. The IPv6 forms that
    // embed an IPv4 address (mapped, NAT64) are judged by that IPv4 address (see Embedded).
    private static readonly (IPNetwork Network, string Reason)[] Internal =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "'this network' (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private network (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT space (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private network (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private network (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking space (198.18.0.0/15)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved or broadcast (240.0.0.0/4)"),
        (IPNetwork.Parse("::/96"), "unspecified or IPv4-compatible (::/96)"),
        (IPNetwork.Parse("::1/128"), "loopback (::1)"),
        (IPNetwork.Parse("fc00::/7"), "a private network (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (ff00::/8)"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>
    /// Null when the platform may connect to <paramref name="destination"/>; otherwise why not.
    /// <paramref name="localAddresses"/> are this machine's interface addresses (where a service listening on all
    /// interfaces can be reached too).
    /// </summary>
    public static EgressRefusal? Decide(IPEndPoint destination, EgressRules rules, IReadOnlyCollection<IPAddress> localAddresses)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(localAddresses);
        var address = Embedded(destination.Address);
        foreach (var own in rules.OwnEndpoints)
        {
            if (own.Port == destination.Port && (own.Address is null ? IsThisMachine(address, localAddresses) : Embedded(own.Address).Equals(address)))
            {
                return new EgressRefusal(destination, $"the platform's own {own.Name} endpoint");
            }
        }

        if (rules.AllowedNetworks.Any(n => Contains(n, address) || Contains(n, destination.Address)))
        {
            return null;
        }

        foreach (var (network, reason) in Internal)
        {
            if (Contains(network, address))
            {
                return new EgressRefusal(destination, reason);
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address stands for, else the address.</summary>
    internal static IPAddress Embedded(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return address;
    }

    private static bool IsThisMachine(IPAddress address, IReadOnlyCollection<IPAddress> localAddresses) =>
        IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
        || localAddresses.Any(l => Embedded(l).Equals(address));

    private static bool Contains(IPNetwork network, IPAddress address) =>
        network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address);
}
