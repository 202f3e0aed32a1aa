using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Security.Authentication;
using Platform.Security.Authorization;
using Platform.Security.Tokens;
using Xunit;

namespace Platform.Security.Tests.Authentication;

public sealed class Authenticating_bearer_requests : IAsyncLifetime
{
    private readonly TestKeyPair _keys = TestKeyPair.Create();
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(_keys.Settings(), app =>
    {
        app.MapGet("/open", () => "open");
        app.MapGet("/me", (HttpContext http) => new { subject = http.User.GetSubject(), domains = http.User.GetDomains() }).RequirePlatformToken();
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Lets_a_valid_token_through_as_its_subject()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        var token = issuer.Issue(PlatformTokenRequest.DomainAdmin("admin-1", "a.example"), TimeSpan.FromMinutes(5)).Token;

        using var response = await Send("/me", $"Bearer {token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("admin-1", body.RootElement.GetProperty("subject").GetString());
        Assert.Equal("a.example", body.RootElement.GetProperty("domains")[0].GetString());
    }

    [Fact]
    public async Task Answers_401_unauthenticated_without_a_token()
    {
        using var response = await Send("/me", authorization: null);

        await AssertProblem(response, HttpStatusCode.Unauthorized, PlatformProblemCodes.Unauthenticated);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Validates_with_jwt_bearer_through_the_platform_token_handler_that_remembers_tokens()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options());
        var token = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5)).Token;
        using var first = await Send("/me", $"Bearer {token}");
        using var again = await Send("/me", $"Bearer {token}");

        var bearer = _app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(PlatformAuthentication.Scheme);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Same(_app.Services.GetRequiredService<PlatformTokenValidator>().Handler, Assert.Single(bearer.TokenHandlers));
    }

    [Fact]
    public async Task Answers_401_with_no_store()
    {
        using var response = await Send("/me", "Bearer not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "401 without Cache-Control: no-store");
    }

    [Fact]
    public async Task Answers_401_unauthenticated_to_another_authorization_scheme()
    {
        using var response = await Send("/me", "Basic YWRtaW46YWRtaW4=");

        await AssertProblem(response, HttpStatusCode.Unauthorized, PlatformProblemCodes.Unauthenticated);
    }

    [Fact]
    public async Task Answers_401_token_expired_to_an_expired_token_without_echoing_it()
    {
        using var issuer = new PlatformTokenIssuer(_keys.Options(), FixedTime.Ago(TimeSpan.FromHours(1)));
        var token = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5)).Token;

        using var response = await Send("/me", $"Bearer {token}");

        var body = await AssertProblem(response, HttpStatusCode.Unauthorized, PlatformProblemCodes.TokenExpired);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], body, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], body, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], challenge.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_401_token_invalid_to_a_token_signed_with_another_key()
    {
        using var issuer = new PlatformTokenIssuer(TestKeyPair.Create().Options());
        var token = issuer.Issue(PlatformTokenRequest.PlatformAdmin("u-1"), TimeSpan.FromMinutes(5)).Token;

        using var response = await Send("/me", $"Bearer {token}");

        var body = await AssertProblem(response, HttpStatusCode.Unauthorized, PlatformProblemCodes.TokenInvalid);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_401_token_invalid_to_garbage()
    {
        using var response = await Send("/me", "Bearer not-a-token");

        await AssertProblem(response, HttpStatusCode.Unauthorized, PlatformProblemCodes.TokenInvalid);
    }

    [Fact]
    public async Task Leaves_endpoints_without_a_policy_open_even_to_a_bad_token()
    {
        using var response = await Send("/open", "Bearer not-a-token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Auth:Issuer", "Auth__Issuer")]
    [InlineData("Auth:Audience", "Auth__Audience")]
    [InlineData("Auth:ValidationKeys:0", "Auth__ValidationKeys__0")]
    public async Task Refuses_to_start_without_a_required_setting_naming_the_variable(string key, string variable)
    {
        var settings = _keys.Settings();
        settings.Remove(key);
        await using var app = TestApp.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_start_with_a_validation_key_that_is_not_one_without_printing_it()
    {
        var settings = _keys.Settings();
        settings["Auth:ValidationKeys:1"] = _keys.PrivateKey;
        await using var app = TestApp.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Auth__ValidationKeys__1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_keys.PrivateKey[^24..], error.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Send(string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await _app.Client.SendAsync(request);
    }

    internal static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        return body;
    }
}
