using System.Net;

namespace Platform.Panel.Backends;

/// <summary>
/// On the panel's calls to auth: the browser's address as <c>X-Forwarded-For</c>, so that auth's per-client limits
/// count the person signing in, not the panel (auth believes it only from proxies it trusts:
/// <c>ForwardedHeaders__KnownProxies</c>/<c>KnownNetworks</c>, docs/deployment.md). The address is the panel's own
/// peer, which behind a trusted ingress is already the client it forwarded for; anything a browser sent is replaced.
/// </summary>
internal sealed class ForwardedFor(IHttpContextAccessor accessor) : DelegatingHandler
{
    public const string Header = "X-Forwarded-For";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(Header);
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } client)
        {
            request.Headers.TryAddWithoutValidation(Header, Address(client));
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static string Address(IPAddress client) => (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
}
