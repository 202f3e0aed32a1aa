using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

public sealed class Keeping_a_session : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("session.example");
        await _auth.AddUserAsync("sam");
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Rotates_the_refresh_token_and_ends_the_session_when_a_spent_one_comes_back()
    {
        var login = await TokensAsync(await _auth.LoginAsync("sam@session.example", DirectoryLoginHost.Password));
        using var client = _auth.Host.CreateClient();

        var second = await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() });
        var secondTokens = await TokensAsync(second);
        var replayed = await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() });
        var afterReplay = await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = secondTokens["refreshToken"]!.GetValue<string>() });

        Assert.NotEqual(login["refreshToken"]!.GetValue<string>(), secondTokens["refreshToken"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(secondTokens["accessToken"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_grant"), (replayed.StatusCode, await Problems.CodeAsync(replayed)));
        // The stolen copy was used: the whole session is gone, the legitimate holder's newer token too.
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_grant"), (afterReplay.StatusCode, await Problems.CodeAsync(afterReplay)));
    }

    [Fact]
    public async Task Ends_the_session_on_logout()
    {
        var login = await TokensAsync(await _auth.LoginAsync("sam@session.example", DirectoryLoginHost.Password));
        using var client = _auth.Host.CreateClient();

        var logout = await client.PostAsJsonAsync("/v1/logout", new { refreshToken = login["refreshToken"]!.GetValue<string>() });
        var refresh = await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() });
        var unknown = await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = "made-up" });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Answers_that_the_session_goes_on_through_its_refreshes_until_logout()
    {
        var login = await TokensAsync(await _auth.LoginAsync("sam@session.example", DirectoryLoginHost.Password));
        var other = await TokensAsync(await _auth.LoginAsync("sam@session.example", DirectoryLoginHost.Password));
        using var client = _auth.Host.CreateClient();
        var refreshed = await TokensAsync(await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() }));

        var live = await SessionChecks.CheckAsync(client, login);
        var liveAfterRefresh = await SessionChecks.CheckAsync(client, refreshed);
        var logout = await client.PostAsJsonAsync("/v1/logout", new { refreshToken = refreshed["refreshToken"]!.GetValue<string>() });
        var ended = await SessionChecks.CheckAsync(client, login);
        var endedAfterRefresh = await SessionChecks.CheckAsync(client, refreshed);
        var otherSession = await SessionChecks.CheckAsync(client, other);
        using var anonymous = await client.GetAsync("/v1/session");

        Assert.Equal(HttpStatusCode.NoContent, live.StatusCode);
        Assert.Equal("no-store", live.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NoContent, liveAfterRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        // The access tokens are still valid tokens: only the session behind them ended.
        Assert.Equal((HttpStatusCode.Unauthorized, "session_ended"), (ended.StatusCode, await Problems.CodeAsync(ended)));
        Assert.Equal((HttpStatusCode.Unauthorized, "session_ended"), (endedAfterRefresh.StatusCode, await Problems.CodeAsync(endedAfterRefresh)));
        Assert.Contains("invalid_token", ended.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, otherSession.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Publishes_the_key_its_tokens_are_signed_with()
    {
        var login = await TokensAsync(await _auth.LoginAsync("sam@session.example", DirectoryLoginHost.Password));
        using var client = _auth.Host.CreateClient();

        var jwks = JsonNode.Parse(await client.GetStringAsync("/.well-known/jwks.json"))!;

        var token = login["accessToken"]!.GetValue<string>();
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[0]))!;
        var key = Assert.Single(jwks["keys"]!.AsArray(), k => k!["kid"]!.GetValue<string>() == header["kid"]!.GetValue<string>())!;
        Assert.Equal(("EC", "P-256", "ES256"), (key["kty"]!.GetValue<string>(), key["crv"]!.GetValue<string>(), key["alg"]!.GetValue<string>()));
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(key["x"]!.GetValue<string>()), Y = Base64Url.DecodeFromChars(key["y"]!.GetValue<string>()) },
        });
        var signed = token[..token.LastIndexOf('.')];
        Assert.True(ecdsa.VerifyData(System.Text.Encoding.ASCII.GetBytes(signed), Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1)),
            HashAlgorithmName.SHA256), "the token's signature does not verify with the published key");
    }

    private static async Task<JsonNode> TokensAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
