extern alias auth;
extern alias directorysync;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Messaging.Tests;

/// <summary>
/// auth and directory-sync on one bus: the platform admin (bootstrapped by auth) creates a domain admin, who saves
/// the domain's directory in directory-sync; auth learns the settings from DirectorySettingsChanged and logs the
/// domain's users in; directory-sync accepts auth's tokens and refuses a forged one; the first login reaches the
/// registry.
/// </summary>
public sealed class Logging_in_across_services
{
    private const string Domain = "across.example";
    private const string RootPassword = "root password for the e2e";

    [Fact]
    public async Task Logs_a_user_in_with_settings_saved_in_directory_sync_and_uses_auths_tokens_there()
    {
        await using var vhost = await RabbitMqVirtualHost.CreateAsync();
        await using var ldap = await LdapSubtree.CreateAsync();
        await ldap.AddUserAsync("ursula", $"ursula@{Domain}", password: "ursula's password 1");
        await using var authHost = await ServiceHost<auth::Program>.CreateAsync();
        authHost.With("RabbitMq:VirtualHost", vhost.Name).With("Auth:Admin:Email", "root@platform.example").With("Auth:Admin:Password", RootPassword);
        await authHost.WaitUntilReadyAsync();
        await using var directorySync = await ServiceHost<directorysync::Program>.StartOnAsync(vhost);
        using var auth = authHost.CreateClient();
        using var sync = directorySync.CreateClient();

        var root = await TokenAsync(auth, "/v1/admin/login", new { email = "root@platform.example", password = RootPassword });
        auth.DefaultRequestHeaders.Authorization = new("Bearer", root);
        (await auth.PostAsJsonAsync("/v1/admin/accounts", new { email = $"dana@{Domain}", password = "dana's password 22", role = "domain-admin", domains = new[] { Domain } }))
            .EnsureSuccessStatusCode();
        auth.DefaultRequestHeaders.Authorization = null;
        var dana = await TokenAsync(auth, "/v1/admin/login", new { email = $"dana@{Domain}", password = "dana's password 22" });
        sync.DefaultRequestHeaders.Authorization = new("Bearer", dana);
        var settings = ldap.Settings();
        settings["automaticSync"] = false;
        var saved = await sync.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        var login = await Eventually.Get(
            () => auth.PostAsJsonAsync("/v1/login", new { email = $"ursula@{Domain}", password = "ursula's password 1" }),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var ursula = await Eventually.Get(() => sync.GetAsync($"/v1/domains/{Domain}/users/ursula@{Domain}"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30));
        sync.DefaultRequestHeaders.Authorization = new("Bearer", Forged());
        var forged = await sync.GetAsync($"/v1/domains/{Domain}/users");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("login", (await ursula.Content.ReadFromJsonAsync<JsonNode>())!["source"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private static async Task<string> TokenAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Dana's claims, signed with a key of the forger's own.</summary>
    private static string Forged()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var issuer = new PlatformTokenIssuer(new PlatformTokenOptions
        {
            Issuer = Infrastructure.Get("Auth:Issuer"), Audience = Infrastructure.Get("Auth:Audience"),
            SigningKey = Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
        });
        return issuer.Issue(PlatformTokenRequest.DomainAdmin($"dana@{Domain}", Domain), TimeSpan.FromMinutes(5)).Token;
    }
}
