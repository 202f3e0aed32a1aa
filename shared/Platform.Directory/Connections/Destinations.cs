using System.Net;
using System.Net.Sockets;
using Platform.Directory.Egress;
using Platform.Directory.Failures;

namespace Platform.Directory.Connections;

/// <summary>
/// Resolves the host ourselves, and checks every address against the egress policy, before anything is sent: libldap
/// reports an unresolvable name only as "server down", its getaddrinfo call has no timeout, and connecting by name
/// would let it look the name up again (and get another answer: DNS rebinding).
/// </summary>
internal static class Destinations
{
    /// <summary>The checked addresses of <see cref="FailureContext.Host"/>, or why there are none.</summary>
    public static async Task<(IReadOnlyList<IPAddress>? Addresses, DirectoryFailure? Failure)> ResolveAsync(
        FailureContext context, EgressPolicy egress, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await egress.ResolveAsync(context.Host, context.Port, context.ConnectTimeout, time, cancellationToken);
            return addresses.Count == 0 ? (null, Failures.Failures.Dns(context, "no addresses")) : (addresses, null);
        }
        catch (EgressRefusedException e)
        {
            return (null, Failures.Failures.DestinationNotAllowed(context, e.Refusal.Destination.Address));
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return (null, Failures.Failures.Dns(context, e.Message));
        }
        catch (TimeoutException)
        {
            return (null, Failures.Failures.Dns(context, "the DNS lookup timed out"));
        }
    }

    /// <summary>
    /// libldap's server list for <paramref name="addresses"/>: System.DirectoryServices.Protocols appends ":port" only to
    /// entries without a colon, so IPv6 addresses go in brackets with their port.
    /// </summary>
    public static string[] Servers(IReadOnlyList<IPAddress> addresses, int port) =>
        addresses.Select(a => a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]:{port}" : a.ToString()).ToArray();
}
