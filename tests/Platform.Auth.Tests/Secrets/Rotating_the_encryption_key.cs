using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Platform.Auth.Mfa;
using Platform.Auth.Tests.Login;
using Platform.Contracts;
using Platform.Directory.Settings;
using Platform.Security.Secrets;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Auth.Tests.Secrets;

public sealed class Rotating_the_encryption_key : IAsyncLifetime
{
    private const string Domain = "rotate.example";
    private readonly string _oldKey = NewKey();
    private readonly string _newKey = NewKey();
    private DirectoryLoginHost _before = null!;
    private DirectorySettingsChanged _settings = null!;

    public async Task InitializeAsync()
    {
        _before = await DirectoryLoginHost.StartAsync(Domain, host => host.With("Secrets:EncryptionKey", _oldKey));
        await _before.AddUserAsync("rita");
        await _before.PublishDirectoryAsync(s => _settings = s);
    }

    public async Task DisposeAsync() => await _before.DisposeAsync();

    [Fact]
    public async Task Protects_every_totp_secret_with_the_new_key_so_that_logins_work_once_the_old_one_is_removed()
    {
        var (secret, confirmedStep) = await EnrollAsync();
        await _before.Host.StopServiceAsync();

        JsonNode first, afterDirectorySync;
        await using (var rotating = await SuccessorAsync(("Secrets:EncryptionKey", _newKey), ("Secrets:PreviousEncryptionKeys:0", _oldKey)))
        {
            var client = rotating.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform.example"));
            first = await ReprotectAsync(client);
            await RepublishUnderTheNewKeyAsync(rotating);
            afterDirectorySync = await Eventually.Get(() => ReprotectAsync(client),
                r => r["directoriesAwaitingDirectorySync"]!.GetValue<int>() == 0, TimeSpan.FromSeconds(20));
            await rotating.StopServiceAsync();
        }

        await using var after = await SuccessorAsync(("Secrets:EncryptionKey", _newKey));
        var code = TotpCodes.Compute(secret, Math.Max(TotpCodes.Step(DateTimeOffset.UtcNow), confirmedStep + 1));
        using var login = await LoginAsync(after, DirectoryLoginHost.Password, code);

        Assert.Equal((1, 0, 1), Counts(first));
        Assert.Equal((0, 1, 0), Counts(afterDirectorySync));
        Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Protects_an_admins_totp_secret_with_the_new_key_so_that_their_login_works_once_the_old_one_is_removed()
    {
        const string email = "ada@rotate-admins.example", password = "ada's password 123";
        using (var root = _before.Host.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform.example")))
        {
            Assert.Equal(HttpStatusCode.Created, (await root.PostAsJsonAsync("/v1/admin/accounts", new { email, password, role = "platform-admin" })).StatusCode);
        }

        using var ada = _before.Host.CreateClient().As(PlatformTokenRequest.PlatformAdmin(email));
        var secret = Base32Encoding.ToBytes((await (await ada.PostAsync("/v1/admin/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!["secret"]!.GetValue<string>());
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        (await ada.PostAsJsonAsync("/v1/admin/me/totp/confirm", new { code = TotpCodes.Compute(secret, step) })).EnsureSuccessStatusCode();
        await _before.Host.StopServiceAsync();

        JsonNode reprotected;
        await using (var rotating = await SuccessorAsync(("Secrets:EncryptionKey", _newKey), ("Secrets:PreviousEncryptionKeys:0", _oldKey)))
        {
            reprotected = await ReprotectAsync(rotating.CreateClient().As(PlatformTokenRequest.PlatformAdmin("ops@platform.example")));
            await rotating.StopServiceAsync();
        }

        await using var after = await SuccessorAsync(("Secrets:EncryptionKey", _newKey));
        using var client = after.CreateClient();
        var login = await client.PostAsJsonAsync("/v1/admin/login", new { email, password, code = TotpCodes.Compute(secret, step + 1) });

        Assert.Equal(1, reprotected["reprotected"]!.GetValue<int>());
        Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Is_for_the_platform_admin_only()
    {
        var user = _before.Host.CreateClient().As(PlatformTokenRequest.DomainAdmin($"admin@{Domain}", Domain));

        var response = await user.PostAsync("/v1/admin/secrets/reprotect", content: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>
    /// What directory-sync's own reprotection does: publishes the settings again, the bind password under the new key.
    /// (A method of its own: MassTransit keeps its log context in an AsyncLocal, which must not outlive this host.)
    /// </summary>
    private async Task RepublishUnderTheNewKeyAsync(ServiceHost<Program> host)
    {
        var protector = host.Services.GetRequiredService<SecretProtector>();
        await host.Services.GetRequiredService<IBus>().Publish(_settings with
        {
            EventId = Guid.NewGuid(), Version = 2,
            ProtectedBindPassword = protector.Protect(_before.Ldap.ServicePassword, PublishedSettings.PasswordContext(Domain)),
        });
    }

    private async Task<(byte[] Secret, long Step)> EnrollAsync()
    {
        var login = await _before.LoginAsync($"rita@{Domain}", DirectoryLoginHost.Password);
        using var rita = _before.Host.CreateClient();
        rita.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>());
        var enrollment = (await (await rita.PostAsync("/v1/me/totp", null)).Content.ReadFromJsonAsync<JsonNode>())!;
        var secret = Base32Encoding.ToBytes(enrollment["secret"]!.GetValue<string>());
        var step = TotpCodes.Step(DateTimeOffset.UtcNow);
        (await rita.PostAsJsonAsync("/v1/me/totp/confirm", new { code = TotpCodes.Compute(secret, step) })).EnsureSuccessStatusCode();
        return (secret, step);
    }

    private async Task<PeerAddressHost<Program>> SuccessorAsync(params (string Key, string Value)[] settings)
    {
        var host = new PeerAddressHost<Program>();
        await host.InitializeAsync();
        host.With("ConnectionStrings:Postgres", _before.Host.ConnectionString).With("RabbitMq:VirtualHost", _before.Host.VirtualHost);
        foreach (var (key, value) in settings)
        {
            host.With(key, value);
        }

        await host.WaitUntilReadyAsync();
        return host;
    }

    private static async Task<HttpResponseMessage> LoginAsync(PeerAddressHost<Program> host, string password, string code)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login") { Content = JsonContent.Create(new { email = $"rita@{Domain}", password, code }) };
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, "192.0.2.7");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<JsonNode> ReprotectAsync(HttpClient client)
    {
        var response = await client.PostAsync("/v1/admin/secrets/reprotect", content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private static (int, int, int) Counts(JsonNode result) => (
        result["reprotected"]!.GetValue<int>(), result["alreadyCurrent"]!.GetValue<int>(), result["directoriesAwaitingDirectorySync"]!.GetValue<int>());

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretProtector.KeySize));
}
