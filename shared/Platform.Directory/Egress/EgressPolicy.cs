using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Platform.Directory.Egress;

/// <summary>
/// Resolves a host a domain admin named and checks every address it resolves to (<see cref="EgressDecisions"/>),
/// before any packet is sent to it. Callers connect to the addresses returned, never to the name again: a second
/// lookup could answer differently (DNS rebinding).
/// </summary>
public sealed class EgressPolicy
{
    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly IReadOnlyList<ConfiguredEndpoint> _own;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;
    private readonly Lazy<IReadOnlyList<IPAddress>> _localAddresses = new(LocalAddresses);
    private volatile EgressRules? _rules;

    public EgressPolicy(IReadOnlyList<IPNetwork> allowedNetworks, IReadOnlyList<ConfiguredEndpoint> ownEndpoints)
        : this(allowedNetworks, ownEndpoints, Dns.GetHostAddressesAsync)
    {
    }

    /// <summary>With a resolver of the caller's (tests: a name only it knows shows that nobody else looked it up).</summary>
    internal EgressPolicy(IReadOnlyList<IPNetwork> allowedNetworks, IReadOnlyList<ConfiguredEndpoint> ownEndpoints, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        _allowed = allowedNetworks;
        _own = ownEndpoints;
        _resolve = resolve;
    }

    /// <summary>Public addresses only: what a policy without configuration allows.</summary>
    public static EgressPolicy PublicOnly { get; } = new([], []);

    /// <summary>The policy of <c>Egress:AllowedNetworks</c>, with the own endpoints found in <paramref name="configuration"/>.</summary>
    public static EgressPolicy From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(EgressOptions.Section).Get<EgressOptions>() ?? new EgressOptions();
        return new EgressPolicy(ParseNetworks(options.AllowedNetworks), PlatformEndpoints.From(configuration));
    }

    /// <summary>A comma-separated CIDR list; <see cref="FormatException"/> names an invalid entry.</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(string? value) =>
        PlatformEndpoints.List(value)
            .Select(n => IPNetwork.TryParse(n, out var network)
                ? network
                : throw new FormatException($"{EgressOptions.Section}:AllowedNetworks: '{n}' is not a network in CIDR notation (e.g. 10.8.0.0/16)."))
            .ToList();

    /// <summary>
    /// The addresses of <paramref name="host"/> (resolved with <paramref name="resolveTimeout"/>, or the literal
    /// itself), all allowed on <paramref name="port"/>; <see cref="EgressRefusedException"/> when any is not.
    /// DNS failures come out as <see cref="SocketException"/>, <see cref="ArgumentException"/> or <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(
        string host, int port, TimeSpan resolveTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).WaitAsync(resolveTimeout, time, cancellationToken);
        if (addresses.Length > 0)
        {
            await CheckAsync(host, addresses, port, cancellationToken);
        }

        return addresses;
    }

    /// <summary>Throws <see cref="EgressRefusedException"/> unless every one of <paramref name="addresses"/> is allowed.</summary>
    public async Task CheckAsync(string host, IEnumerable<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        var rules = await RulesAsync(cancellationToken);
        foreach (var address in addresses)
        {
            if (EgressDecisions.Decide(new IPEndPoint(address, port), rules, _localAddresses.Value) is { } refusal)
            {
                throw new EgressRefusedException(host, refusal);
            }
        }
    }

    /// <summary>
    /// The own endpoints with their names resolved, once (our own infrastructure's names: a Kubernetes service keeps
    /// its address). A name that does not resolve yet is tried again on the next check.
    /// </summary>
    private async Task<EgressRules> RulesAsync(CancellationToken cancellationToken)
    {
        if (_rules is { } known)
        {
            return known;
        }

        var (rules, resolved) = await BuildAsync(cancellationToken);
        if (resolved)
        {
            _rules = rules;
        }

        return rules;
    }

    private async Task<(EgressRules Rules, bool Resolved)> BuildAsync(CancellationToken cancellationToken)
    {
        var own = new List<OwnEndpoint>();
        var resolved = true;
        foreach (var endpoint in _own)
        {
            if (IsThisMachine(endpoint.Host))
            {
                own.Add(new OwnEndpoint(null, endpoint.Port, endpoint.Name));
            }
            else if (IPAddress.TryParse(endpoint.Host, out var address))
            {
                own.Add(new OwnEndpoint(address, endpoint.Port, endpoint.Name));
            }
            else
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(5));
                    own.AddRange((await Dns.GetHostAddressesAsync(endpoint.Host, timeout.Token)).Select(a => new OwnEndpoint(a, endpoint.Port, endpoint.Name)));
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    resolved = false;
                }
            }
        }

        return (new EgressRules(_allowed, own), resolved);
    }

    private static bool IsThisMachine(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || string.Equals(host, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)));

    private static IReadOnlyList<IPAddress> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}

/// <summary>A destination the egress policy refuses; nothing was sent to it.</summary>
public sealed class EgressRefusedException(string host, EgressRefusal refusal)
    : Exception($"The platform does not connect to {refusal.Destination} ({host}): {refusal.Reason}.")
{
    public string Host { get; } = host;

    public EgressRefusal Refusal { get; } = refusal;
}
