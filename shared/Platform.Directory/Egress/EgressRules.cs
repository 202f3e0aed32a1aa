using System.Net;

namespace Platform.Directory.Egress;

/// <summary>
/// What the platform may connect to on a domain admin's behalf: every public address, plus the networks platform
/// configuration allows, minus the platform's own endpoints (those even inside an allowed network).
/// </summary>
public sealed record EgressRules(IReadOnlyList<IPNetwork> AllowedNetworks, IReadOnlyList<OwnEndpoint> OwnEndpoints)
{
    /// <summary>Public addresses only, nothing allowed on top.</summary>
    public static EgressRules PublicOnly { get; } = new([], []);
}

/// <summary>
/// One of the platform's own endpoints (PostgreSQL, RabbitMQ, the SMTP relay, a service port). A null
/// <paramref name="Address"/> stands for this machine: any loopback, unspecified or local interface address.
/// </summary>
public sealed record OwnEndpoint(IPAddress? Address, int Port, string Name);

/// <summary>Why a destination is refused; null from <see cref="EgressDecisions.Decide"/> means allowed.</summary>
public sealed record EgressRefusal(IPEndPoint Destination, string Reason);
