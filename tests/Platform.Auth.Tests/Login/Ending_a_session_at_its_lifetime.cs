using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Login;

/// <summary>A session is refreshed as often as its holder likes, but it ends its absolute lifetime after the login.</summary>
public sealed class Ending_a_session_at_its_lifetime : IAsyncLifetime
{
    // On a whole second: PostgreSQL keeps microseconds, and the expected lifetimes are in whole seconds.
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("lifetime.example", host => host
            .With("Auth:Tokens:RefreshTokenLifetime", "12:00:00").With("Auth:Tokens:SessionLifetime", "1.00:00:00")
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock)));
        await _auth.AddUserAsync("tim");
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Refuses_a_refresh_past_the_session_lifetime_however_fresh_the_token()
    {
        var tokens = await TokensAsync(await _auth.LoginAsync("tim@lifetime.example", DirectoryLoginHost.Password));

        _clock.Advance(TimeSpan.FromHours(10));
        var first = await TokensAsync(await RefreshAsync(tokens));
        _clock.Advance(TimeSpan.FromHours(10));
        var second = await TokensAsync(await RefreshAsync(first));
        _clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));
        var late = await RefreshAsync(second);

        Assert.Equal(12 * 3600, first["refreshExpiresIn"]!.GetValue<int>());
        Assert.Equal(4 * 3600, second["refreshExpiresIn"]!.GetValue<int>());
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_grant"), (late.StatusCode, await Problems.CodeAsync(late)));
    }

    private async Task<HttpResponseMessage> RefreshAsync(JsonNode tokens)
    {
        using var client = _auth.Host.CreateClient();
        var response = await client.PostAsJsonAsync("/v1/token/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<JsonNode> TokensAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }
}
