using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auth.Admins;
using Platform.Auth.Tests.Login;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Admins;

public sealed class Logging_in_as_an_admin : IAsyncLifetime
{
    private const string RootPassword = "bootstrap password 1!";
    private DirectoryLoginHost _auth = null!;
    private TcpProxy _directory = null!;

    public async Task InitializeAsync()
    {
        _auth = await DirectoryLoginHost.StartAsync("admins.example", host => host
            .With("Auth:Admin:Email", "Root@Platform.Example").With("Auth:Admin:Password", RootPassword));
        await _auth.AddUserAsync("alice");
        _directory = TcpProxy.Start(LdapSubtree.Host, LdapSubtree.Port);
        await _auth.PublishDirectoryAsync(s => s with { Port = _directory.Port });
    }

    public async Task DisposeAsync()
    {
        await _directory.DisposeAsync();
        await _auth.DisposeAsync();
    }

    [Fact]
    public async Task Logs_in_the_platform_admin_from_configuration_who_creates_a_domain_admin_scoped_to_their_domains()
    {
        var root = await LoginAsync("root@platform.example", RootPassword);
        using var asRoot = Client(root);
        var created = await asRoot.PostAsJsonAsync("/v1/admin/accounts",
            new { email = "Dana@Admins.Example", password = "dana's password 2", role = "domain-admin", domains = new[] { "Admins.Example" } });
        var again = await asRoot.PostAsJsonAsync("/v1/admin/accounts",
            new { email = "dana@admins.example", password = "dana's password 2", role = "domain-admin", domains = new[] { "admins.example" } });
        var dana = await LoginAsync("dana@admins.example", "dana's password 2");
        using var asDana = Client(dana);
        var byDana = await asDana.PostAsJsonAsync("/v1/admin/accounts",
            new { email = "eve@admins.example", password = "eve's password 3!", role = "platform-admin" });
        var listed = await asRoot.GetFromJsonAsync<JsonArray>("/v1/admin/accounts");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "admin_exists"), (again.StatusCode, await Problems.CodeAsync(again)));
        Assert.Equal(HttpStatusCode.Forbidden, byDana.StatusCode);
        var rootToken = await ValidateAsync(root);
        Assert.Equal(PlatformRoles.PlatformAdmin, rootToken.FindFirst(PlatformClaims.Role)!.Value);
        var danaToken = await ValidateAsync(dana);
        Assert.Equal(PlatformRoles.DomainAdmin, danaToken.FindFirst(PlatformClaims.Role)!.Value);
        Assert.Equal("admins.example", danaToken.FindFirst(PlatformClaims.Domain)!.Value);
        Assert.Equal(["dana@admins.example", "root@platform.example"], listed!.Select(a => a!["email"]!.GetValue<string>()));
        Assert.DoesNotContain("password", listed!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Never_asks_a_directory_so_a_directory_users_password_opens_no_admin_account()
    {
        var before = _directory.Accepted;

        var response = await PostLoginAsync("alice@admins.example", DirectoryLoginHost.Password);
        var wrong = await PostLoginAsync("root@platform.example", "not the password");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (response.StatusCode, await Problems.CodeAsync(response)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (wrong.StatusCode, await Problems.CodeAsync(wrong)));
        Assert.Equal(before, _directory.Accepted);
        var failed = await _auth.OutboxAsync("LoginFailed");
        Assert.All(failed, m => Assert.Equal("localAccount", m["method"]!.GetValue<string>()));
        Assert.DoesNotContain("not the password", string.Concat(failed.Select(m => m.ToJsonString())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("long enough\u0000password")]
    [InlineData("long enough\tpassword")]
    public async Task Refuses_a_password_with_a_control_character_like_an_email_users_even_when_it_is_the_stored_one(string password)
    {
        // Created before such passwords were refused at creation: the hash would match, the login refuses it anyway.
        var admins = _auth.Host.Services.GetRequiredService<AdminAccounts>();
        await admins.CreateAsync("old@admins.example", password, PlatformRoles.DomainAdmin, ["admins.example"], "admin:test", CancellationToken.None);

        var response = await PostLoginAsync("old@admins.example", password);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (response.StatusCode, await Problems.CodeAsync(response)));
    }

    [Theory]
    [InlineData("not-an-address", "long enough password", "domain-admin", "admins.example", "invalid_email")]
    [InlineData("x@admins.example", "short", "domain-admin", "admins.example", "weak_password")]
    [InlineData("x@admins.example", "long enough password", "superuser", "admins.example", "invalid_role")]
    [InlineData("x@admins.example", "long enough password", "domain-admin", "not a domain", "invalid_domains")]
    [InlineData("x@admins.example", "long enough password\u0000x", "domain-admin", "admins.example", "invalid_password")]
    [InlineData("x@admins.example", "long enough\tpassword", "domain-admin", "admins.example", "invalid_password")]
    public async Task Refuses_an_admin_it_cannot_create(string email, string password, string role, string domain, string code)
    {
        using var asRoot = Client(await LoginAsync("root@platform.example", RootPassword));

        var response = await asRoot.PostAsJsonAsync("/v1/admin/accounts", new { email, password, role, domains = new[] { domain } });

        Assert.Equal((HttpStatusCode.BadRequest, code), (response.StatusCode, await Problems.CodeAsync(response)));
    }

    private async Task<string> LoginAsync(string email, string password)
    {
        var response = await PostLoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> PostLoginAsync(string email, string password)
    {
        using var client = _auth.Host.CreateClient();
        return await client.PostAsJsonAsync("/v1/admin/login", new { email, password });
    }

    private HttpClient Client(string token)
    {
        var client = _auth.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> ValidateAsync(string token)
    {
        using var validator = new PlatformTokenValidator(PlatformTokenOptions.FromConfiguration(Infrastructure.Configuration));
        var result = await validator.ValidateAsync(token);
        Assert.True(result.Succeeded, result.ToString());
        return result.Principal!;
    }
}
