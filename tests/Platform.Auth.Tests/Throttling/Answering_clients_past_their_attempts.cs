using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Auth.Tests.Login;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Throttling;

/// <summary>What the rate limiter answers a client past its attempts: each endpoint's own refusal, with Retry-After.</summary>
public sealed class Answering_clients_past_their_attempts : IAsyncLifetime
{
    private DirectoryLoginHost _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("attempts.example", host => host.With("Auth:Lockout:ClientAttemptsPerMinute", "2"));
        await _auth.PublishDirectoryAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Refuses_the_third_login_of_a_minute_as_too_many_attempts_with_retry_after()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await _auth.LoginAsync($"nobody{i}@attempts.example", "not a password of anyone", peer: "198.51.100.31"));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Equal("application/problem+json", answers[2].Content.Headers.ContentType?.MediaType);
        Assert.Equal("too_many_attempts", await Problems.CodeAsync(answers[2]));
        Assert.True(answers[2].Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
    }

    [Fact]
    public async Task Refuses_the_third_token_request_of_a_minute_as_rfc_6749_says_with_retry_after()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            using var client = _auth.Host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "not a secret of anyone",
                }),
            };
            request.Headers.Add(PeerAddressHost<Program>.PeerHeader, "198.51.100.32");
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            answers.Add(response);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var body = await answers[2].Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("invalid_request", body!["error"]!.GetValue<string>());
        Assert.True(answers[2].Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.True(answers[2].Headers.CacheControl?.NoStore, "429 without Cache-Control: no-store");
    }

    [Fact]
    public async Task Refuses_the_third_link_peek_of_a_minute_as_too_many_attempts()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            using var client = _auth.Host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login/link/peek") { Content = JsonContent.Create(new { token = $"made-up-{i}" }) };
            request.Headers.Add(PeerAddressHost<Program>.PeerHeader, "198.51.100.33");
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            answers.Add(response);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Equal("too_many_attempts", await Problems.CodeAsync(answers[2]));
        Assert.True(answers[2].Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
    }
}
