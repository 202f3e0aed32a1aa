using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Security.Authorization;
using Platform.Security.Tokens;
using Xunit;
using static Platform.Security.Tests.Authentication.Authenticating_bearer_requests;

namespace Platform.Security.Tests.Authorization;

public sealed class Authorizing_domain_administrators : IAsyncLifetime
{
    private readonly TestKeyPair _keys = TestKeyPair.Create();
    private PlatformTokenIssuer _issuer = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _issuer = new PlatformTokenIssuer(_keys.Options());
        _app = await TestApp.StartAsync(_keys.Settings(), app =>
        {
            var domains = app.MapGroup("/v1/domains/{domain}").RequireDomainAdmin();
            domains.MapGet("/x", (string domain) => TypedResults.Ok(domain));
            app.MapGroup("/v1/tenants/{tenant}").RequireDomainAdmin("tenant").MapGet("/x", () => "ok");
            app.MapGet("/v1/platform", () => "ok").RequirePlatformAdmin();
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _issuer.Dispose();
    }

    [Fact]
    public async Task Lets_a_domain_admin_into_their_domain()
    {
        using var response = await Get("/v1/domains/a.example/x", PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Lets_a_domain_admin_of_several_domains_into_each()
    {
        var admin = PlatformTokenRequest.DomainAdmin("admin-ab", "a.example", "b.example");

        using var a = await Get("/v1/domains/a.example/x", admin);
        using var b = await Get("/v1/domains/b.example/x", admin);

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
    }

    [Theory]
    [InlineData("A.Example")]
    [InlineData("a.example.")]
    public async Task Compares_domains_case_insensitively(string spelling)
    {
        using var response = await Get($"/v1/domains/{spelling}/x", PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("b%C3%BCcher.example")]
    [InlineData("B%C3%9CCHER.example")]
    public async Task Compares_international_domains_in_their_punycode_form(string spelling)
    {
        using var response = await Get($"/v1/domains/{spelling}/x", PlatformTokenRequest.DomainAdmin("admin-b", "bücher.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Forbids_a_domain_admin_another_domain_with_a_problem()
    {
        using var response = await Get("/v1/domains/b.example/x", PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));

        await AssertProblem(response, HttpStatusCode.Forbidden, PlatformProblemCodes.Forbidden);
    }

    [Theory]
    [InlineData("sub.a.example")]
    [InlineData("a.example.evil")]
    [InlineData("xa.example")]
    public async Task Forbids_a_domain_admin_lookalike_and_sub_domains(string domain)
    {
        using var response = await Get($"/v1/domains/{domain}/x", PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));

        await AssertProblem(response, HttpStatusCode.Forbidden, PlatformProblemCodes.Forbidden);
    }

    [Fact]
    public async Task Lets_a_platform_admin_into_any_domain()
    {
        using var response = await Get("/v1/domains/c.example/x", PlatformTokenRequest.PlatformAdmin("root"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Forbids_an_email_user_even_their_own_domain()
    {
        using var response = await Get("/v1/domains/a.example/x", PlatformTokenRequest.EmailUser("u-1", "jo@a.example"));

        await AssertProblem(response, HttpStatusCode.Forbidden, PlatformProblemCodes.Forbidden);
    }

    [Fact]
    public async Task Forbids_a_token_with_domain_claims_but_no_admin_role()
    {
        using var response = await Get("/v1/domains/a.example/x", new PlatformTokenRequest("u-1", ["auditor"]) { Domains = ["a.example"] });

        await AssertProblem(response, HttpStatusCode.Forbidden, PlatformProblemCodes.Forbidden);
    }

    [Fact]
    public async Task Answers_401_not_403_without_a_token()
    {
        using var response = await _app.Client.GetAsync(new Uri("/v1/domains/a.example/x", UriKind.Relative));

        await AssertProblem(response, HttpStatusCode.Unauthorized, PlatformProblemCodes.Unauthenticated);
    }

    [Fact]
    public async Task Reads_the_domain_from_another_route_parameter_when_told()
    {
        using var own = await Get("/v1/tenants/a.example/x", PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));
        using var other = await Get("/v1/tenants/b.example/x", PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await AssertProblem(other, HttpStatusCode.Forbidden, PlatformProblemCodes.Forbidden);
    }

    [Fact]
    public async Task Keeps_platform_endpoints_to_platform_admins()
    {
        using var admin = await Get("/v1/platform", PlatformTokenRequest.PlatformAdmin("root"));
        using var domainAdmin = await Get("/v1/platform", PlatformTokenRequest.DomainAdmin("admin-a", "a.example"));

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        await AssertProblem(domainAdmin, HttpStatusCode.Forbidden, PlatformProblemCodes.Forbidden);
    }

    private async Task<HttpResponseMessage> Get(string path, PlatformTokenRequest user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {_issuer.Issue(user, TimeSpan.FromMinutes(5)).Token}");
        return await _app.Client.SendAsync(request);
    }
}
