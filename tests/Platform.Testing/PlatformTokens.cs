using System.Net.Http.Headers;
using Platform.Security.Tokens;

namespace Platform.Testing;

/// <summary>Platform tokens signed with the local infrastructure's key, as the auth service would issue them.</summary>
public static class PlatformTokens
{
    private static readonly Lazy<PlatformTokenIssuer> Issuer = new(() =>
    {
        var options = new PlatformTokenOptions
        {
            Issuer = Infrastructure.Get("Auth:Issuer"),
            Audience = Infrastructure.Get("Auth:Audience"),
            SigningKey = Infrastructure.Get("Auth:SigningKey"),
        };
        options.ValidationKeys.Add(Infrastructure.Get("Auth:ValidationKeys:0"));
        return new PlatformTokenIssuer(options);
    });

    public static string Issue(PlatformTokenRequest request) => Issuer.Value.Issue(request, TimeSpan.FromMinutes(10)).Token;

    /// <summary>Sends <paramref name="request"/>'s token with every request of <paramref name="client"/>.</summary>
    public static HttpClient As(this HttpClient client, PlatformTokenRequest request)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issue(request));
        return client;
    }
}
