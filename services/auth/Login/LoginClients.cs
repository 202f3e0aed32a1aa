using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Login;

/// <summary>Trusted proxies in front of auth (section <c>Auth:Login</c>); their <c>X-Forwarded-For</c> names the client.</summary>
public sealed class LoginClientOptions
{
    public const string Section = "Auth:Login";

    public IList<string> TrustedProxies { get; } = [];
}

/// <summary>Which address a login comes from: the peer, or the client a trusted proxy forwarded for.</summary>
public sealed class LoginClients(IOptions<LoginClientOptions> options)
{
    private readonly IReadOnlyList<System.Net.IPNetwork> _proxies = ClientAddresses.ParseNetworks(options.Value.TrustedProxies);

    public LoginClient Of(HttpContext http) =>
        ClientAddresses.ResolveAddress(http.Connection.RemoteIpAddress, http.Request.Headers["X-Forwarded-For"], _proxies) is { } address
            ? new LoginClient(address.ToString(), ClientAddresses.Key(address))
            : LoginClient.Unknown;
}
