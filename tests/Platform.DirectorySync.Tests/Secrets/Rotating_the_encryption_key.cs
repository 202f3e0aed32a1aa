using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Platform.Security.Secrets;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Secrets;

public sealed class Rotating_the_encryption_key : IAsyncLifetime
{
    private const string Domain = "rotate.example";
    private static readonly PlatformTokenRequest PlatformAdmin = PlatformTokenRequest.PlatformAdmin("ops@platform.example");
    private readonly string _oldKey = NewKey();
    private readonly string _newKey = NewKey();
    private readonly ServiceHost<Program> _before = new();
    private LdapSubtree _ldap = null!;

    public async Task InitializeAsync()
    {
        await _before.InitializeAsync();
        _before.With("Secrets:EncryptionKey", _oldKey);
        _ldap = await LdapSubtree.CreateAsync();
        await _ldap.AddUserAsync("rosa", $"rosa@{Domain}");
    }

    public async Task DisposeAsync()
    {
        await _ldap.DisposeAsync();
        await _before.DisposeAsync();
    }

    [Fact]
    public async Task Protects_every_bind_password_with_the_new_key_so_that_the_old_one_can_be_removed()
    {
        var admin = _before.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));
        (await admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", _ldap.Settings())).EnsureSuccessStatusCode();
        await _before.StopServiceAsync();

        JsonNode first, again;
        await using (var rotating = await SuccessorAsync(("Secrets:EncryptionKey", _newKey), ("Secrets:PreviousEncryptionKeys:0", _oldKey)))
        {
            var client = rotating.CreateClient().As(PlatformAdmin);
            first = await ReprotectAsync(client);
            again = await ReprotectAsync(client);
            await rotating.StopServiceAsync();
        }

        await using var after = await SuccessorAsync(("Secrets:EncryptionKey", _newKey));
        var test = await after.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain)).PostAsync(
            $"/v1/domains/{Domain}/directory/test", content: null);
        var report = JsonNode.Parse(await test.Content.ReadAsStringAsync())!;
        var published = (await OutboxMessages.ReadAsync(_before.ConnectionString, "directory_sync", "DirectorySettingsChanged"))
            .OrderBy(m => m["version"]!.GetValue<long>()).ToList();

        Assert.Equal((1, 0), (first["reprotected"]!.GetValue<int>(), first["alreadyCurrent"]!.GetValue<int>()));
        Assert.Equal((0, 1), (again["reprotected"]!.GetValue<int>(), again["alreadyCurrent"]!.GetValue<int>()));
        Assert.True(report["succeeded"]?.GetValue<bool>() == true, report.ToJsonString());
        Assert.Equal([1L, 2L], published.Select(m => m["version"]!.GetValue<long>()));
        var newOnly = new SecretProtector(new SecretProtectionOptions { EncryptionKey = _newKey });
        Assert.Equal(_ldap.ServicePassword,
            newOnly.Unprotect(published[1]["protectedBindPassword"]!.GetValue<string>(), $"directory/{Domain}/bind-password").Reveal());
    }

    [Fact]
    public async Task Is_for_the_platform_admin_only()
    {
        var domainAdmin = _before.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));

        var response = await domainAdmin.PostAsync("/v1/admin/secrets/reprotect", content: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<ServiceHost<Program>> SuccessorAsync(params (string Key, string Value)[] settings)
    {
        var host = await ServiceHost<Program>.CreateAsync();
        host.With("ConnectionStrings:Postgres", _before.ConnectionString).With("RabbitMq:VirtualHost", _before.VirtualHost);
        foreach (var (key, value) in settings)
        {
            host.With(key, value);
        }

        await host.WaitUntilReadyAsync();
        return host;
    }

    private static async Task<JsonNode> ReprotectAsync(HttpClient client)
    {
        var response = await client.PostAsync("/v1/admin/secrets/reprotect", content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretProtector.KeySize));
}
