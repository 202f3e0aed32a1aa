using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Login;

/// <summary>
/// Which address a login comes from: the peer, which behind a trusted proxy is the client it forwarded for
/// (<c>ForwardedHeaders__KnownNetworks</c>, see <see cref="ProxyTrust"/>).
/// </summary>
public sealed class LoginClients
{
    public LoginClient Of(HttpContext http) =>
        ClientAddresses.Of(http) is { } address ? new LoginClient(address.ToString(), ClientAddresses.Key(address)) : LoginClient.Unknown;
}
