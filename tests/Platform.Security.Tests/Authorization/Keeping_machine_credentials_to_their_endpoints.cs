using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Security.Authorization;
using Platform.Security.Tokens;
using Xunit;

namespace Platform.Security.Tests.Authorization;

/// <summary>
/// The filter's SMTP edge holds a token of role mail-filter: it opens the recipient lookups and nothing meant for
/// people, not even the endpoints "any platform token" opens.
/// </summary>
public sealed class Keeping_machine_credentials_to_their_endpoints : IAsyncLifetime
{
    private readonly TestKeyPair _keys = TestKeyPair.Create();
    private PlatformTokenIssuer _issuer = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _issuer = new PlatformTokenIssuer(_keys.Options());
        _app = await TestApp.StartAsync(_keys.Settings(), app =>
        {
            app.MapGet("/v1/recipients/x", () => "ok").RequireMailFilter();
            app.MapGet("/v1/any-token", () => "ok").RequirePlatformToken();
            app.MapGet("/v1/default", () => "ok").RequireAuthorization();
            app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin().MapGet("/x", () => "ok");
            app.MapGet("/v1/platform", () => "ok").RequirePlatformAdmin();
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _issuer.Dispose();
    }

    [Fact]
    public async Task Lets_the_mail_filter_ask_about_recipients()
    {
        using var response = await Get("/v1/recipients/x", MailFilter);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/any-token")]
    [InlineData("/v1/default")]
    [InlineData("/v1/domains/a.example/x")]
    [InlineData("/v1/platform")]
    public async Task Forbids_the_mail_filter_everything_else(string path)
    {
        using var response = await Get(path, MailFilter);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/any-token")]
    [InlineData("/v1/default")]
    public async Task Still_lets_people_in_where_any_token_of_theirs_does(string path)
    {
        using var user = await Get(path, PlatformTokenRequest.EmailUser("u1", "u1@a.example"));
        using var admin = await Get(path, PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (user.StatusCode, admin.StatusCode));
    }

    private static PlatformTokenRequest MailFilter => new("client:edge", [PlatformRoles.MailFilter]);

    private async Task<HttpResponseMessage> Get(string path, PlatformTokenRequest holder)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {_issuer.Issue(holder, TimeSpan.FromMinutes(5)).Token}");
        return await _app.Client.SendAsync(request);
    }
}
