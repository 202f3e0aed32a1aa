using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A proxy in front of the service that is not among the trusted ones makes every client one client (its own address):
/// the per-client throttles then refuse everybody together. Said once, naming the setting, when an untrusted peer
/// sends <c>X-Forwarded-For</c>; the header itself stays ignored.
/// </summary>
internal sealed partial class UntrustedForwardingWarning(RequestDelegate next, IOptions<ForwardedHeadersOptions> options, ILogger<UntrustedForwardingWarning> logger)
{
    private readonly ForwardedHeadersOptions _options = options.Value;
    private int _warned;

    public Task InvokeAsync(HttpContext context)
    {
        if (Volatile.Read(ref _warned) == 0 && context.Request.Headers.ContainsKey(_options.ForwardedForHeaderName)
            && context.Connection.RemoteIpAddress is { } peer && !Trusted(peer) && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            LogUntrusted(logger, peer.ToString(), ProxyTrust.NetworksSetting, ProxyTrust.ProxiesSetting);
        }

        return next(context);
    }

    private bool Trusted(IPAddress peer)
    {
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return _options.KnownProxies.Contains(address) || _options.KnownIPNetworks.Any(n => n.Contains(address));
    }

    [LoggerMessage(LogLevel.Warning,
        "X-Forwarded-For came from {Peer}, which is not a trusted proxy: the header is ignored and every client behind it counts as that one address. If a proxy is in front of this service, set {NetworksSetting} (CIDR) or {ProxiesSetting} to it. Said once per process.")]
    private static partial void LogUntrusted(ILogger logger, string peer, string networksSetting, string proxiesSetting);
}
