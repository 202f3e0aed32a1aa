using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Auth.Tests.Login;
using Platform.Security;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Clients;

/// <summary>
/// The mail filter's SMTP edge has a credential of its own: a platform admin creates it (the secret shown once, stored
/// hashed), the edge exchanges it for a short-lived mail-filter token (RFC 6749 §4.4), and a revoked one gets nothing.
/// </summary>
public sealed class Exchanging_client_credentials : IAsyncLifetime
{
    private ServiceHost<Program> _auth = null!;

    public async Task InitializeAsync()
    {
        _auth = await ServiceHost<Program>.CreateAsync();
        await _auth.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await _auth.DisposeAsync();

    [Fact]
    public async Task Exchanges_the_id_and_secret_in_the_body_for_a_mail_filter_token()
    {
        var (id, secret) = await CreateAsync();

        var response = await TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("Bearer", 600), (body["token_type"]!.GetValue<string>(), body["expires_in"]!.GetValue<int>()));
        using var validator = new PlatformTokenValidator(PlatformTokenOptions.FromConfiguration(Infrastructure.Configuration));
        var principal = (await validator.ValidateAsync(body["access_token"]!.GetValue<string>())).Principal!;
        Assert.Equal([PlatformRoles.MailFilter], principal.FindAll(PlatformClaims.Role).Select(c => c.Value));
        Assert.Equal("client:" + id, principal.GetSubject());
    }

    [Fact]
    public async Task Exchanges_the_id_and_secret_sent_with_http_basic()
    {
        var (id, secret) = await CreateAsync();

        var response = await TokenAsync(Form(("grant_type", "client_credentials")), Basic(id, secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_wrong_secret_an_unknown_client_and_a_revoked_one_as_invalid_client()
    {
        var (id, secret) = await CreateAsync();
        var wrong = await TokenAsync(Form(("grant_type", "client_credentials")), Basic(id, secret + "x"));
        var unknown = await TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", "mf_unknown"), ("client_secret", secret)));
        using var admin = Admin();
        var revoke = await admin.DeleteAsync($"/v1/admin/clients/{id}");
        var revoked = await TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)));
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/v1/admin/clients"))!;

        foreach (var refused in new[] { wrong, unknown, revoked })
        {
            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (refused.StatusCode, await ErrorAsync(refused)));
        }

        Assert.Equal("Basic", wrong.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.NotNull(Assert.Single(listed, c => c!["clientId"]!.GetValue<string>() == id)!["revokedAt"]);
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_malformed_requests_with_the_rfc_6749_errors()
    {
        var (id, secret) = await CreateAsync();

        var password = await TokenAsync(Form(("grant_type", "password"), ("client_id", id), ("client_secret", secret)));
        var noGrant = await TokenAsync(Form(("client_id", id), ("client_secret", secret)));
        var both = await TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)), Basic(id, secret));
        var json = await TokenAsync(JsonContent.Create(new { grant_type = "client_credentials", client_id = id, client_secret = secret }));
        var scope = await TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret), ("scope", "platform-admin")));

        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_grant_type"), (password.StatusCode, await ErrorAsync(password)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (noGrant.StatusCode, await ErrorAsync(noGrant)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (both.StatusCode, await ErrorAsync(both)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (json.StatusCode, await ErrorAsync(json)));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"), (scope.StatusCode, await ErrorAsync(scope)));
    }

    [Fact]
    public async Task Opens_nothing_else_of_auth()
    {
        var (id, secret) = await CreateAsync();
        var token = (await (await TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret))))
            .Content.ReadFromJsonAsync<JsonNode>())!["access_token"]!.GetValue<string>();
        using var client = _auth.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answers = new[]
        {
            await client.GetAsync("/v1/admin/accounts"),
            await client.GetAsync("/v1/admin/clients"),
            await client.PostAsJsonAsync("/v1/admin/clients", new { name = "another edge" }),
            await client.PostAsJsonAsync("/v1/me/totp", new { }),
            await client.PostAsJsonAsync("/v1/me/password", new { }),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode));
    }

    [Fact]
    public async Task Shows_the_secret_once_keeps_only_its_hash_and_lets_only_platform_admins_manage_clients()
    {
        var (_, secret) = await CreateAsync();
        using var domainAdmin = _auth.CreateClient().As(PlatformTokenRequest.DomainAdmin("dana@clients.example", "clients.example"));

        var refused = await domainAdmin.PostAsJsonAsync("/v1/admin/clients", new { name = "edge" });
        var unnamed = await Admin().PostAsJsonAsync("/v1/admin/clients", new { name = " " });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_name"), (unnamed.StatusCode, await Problems.CodeAsync(unnamed)));
        await using var data = NpgsqlDataSource.Create(_auth.ConnectionString);
        await using var command = data.CreateCommand(
            "SELECT (SELECT count(*) FROM auth.mt_events WHERE data::text LIKE $1) + (SELECT count(*) FROM auth.service_clients WHERE secret_hash LIKE $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = $"%{secret}%" });
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private HttpClient Admin() => _auth.CreateClient().As(PlatformTokenRequest.PlatformAdmin("root@clients.example"));

    private async Task<(string Id, string Secret)> CreateAsync()
    {
        using var admin = Admin();
        var created = await admin.PostAsJsonAsync("/v1/admin/clients", new { name = "smtp edge 1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("mail-filter", body["role"]!.GetValue<string>());
        return (body["clientId"]!.GetValue<string>(), body["clientSecret"]!.GetValue<string>());
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    private async Task<HttpResponseMessage> TokenAsync(HttpContent content, AuthenticationHeaderValue? authorization = null)
    {
        using var client = _auth.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/token") { Content = content };
        request.Headers.Authorization = authorization;
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?.GetValue<string>();
}
