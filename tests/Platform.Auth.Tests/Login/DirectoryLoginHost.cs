using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Directory.Settings;
using Platform.Security.Secrets;
using Platform.Testing;

namespace Platform.Auth.Tests.Login;

/// <summary>
/// The auth service on its own database and virtual host, and a subtree of the real slapd for the test's domain.
/// The domain's directory settings reach auth the way directory-sync sends them: a DirectorySettingsChanged on the bus,
/// the service account's password encrypted under the platform key.
/// </summary>
internal sealed class DirectoryLoginHost : IAsyncDisposable
{
    public const string Password = "Correct horse 42!";
    private long _version;

    private DirectoryLoginHost(ServiceHost<Program> host, LdapSubtree ldap, string domain)
    {
        Host = host;
        Ldap = ldap;
        Domain = domain;
    }

    public ServiceHost<Program> Host { get; }

    public LdapSubtree Ldap { get; }

    public string Domain { get; }

    public static async Task<DirectoryLoginHost> StartAsync(string domain, Action<ServiceHost<Program>>? configure = null)
    {
        // The peer comes from a header, so that tests can log in from several client addresses.
        var host = new PeerAddressHost<Program>();
        await host.InitializeAsync();
        configure?.Invoke(host);
        await host.WaitUntilReadyAsync();
        return new DirectoryLoginHost(host, await LdapSubtree.CreateAsync(), domain);
    }

    public string Address(string localPart) => $"{localPart}@{Domain}";

    /// <summary>An enabled user with <see cref="Password"/> whose mail is <c>uid@domain</c>.</summary>
    public Task<LdapUser> AddUserAsync(string uid, bool disabled = false, IReadOnlyList<string>? aliases = null) =>
        Ldap.AddUserAsync(uid, Address(uid), aliases, disabled: disabled, password: Password);

    /// <summary>Publishes the domain's settings (the subtree's, changed by <paramref name="change"/>) and waits until auth uses them.</summary>
    public async Task PublishDirectoryAsync(Func<DirectorySettingsChanged, DirectorySettingsChanged>? change = null)
    {
        var protector = Host.Services.GetRequiredService<SecretProtector>();
        var settings = new DirectorySettingsChanged
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Domain = Domain, Version = ++_version, Configured = true,
            Kind = "openLdap", Host = LdapSubtree.Host, Port = LdapSubtree.Port, Security = "starttls", CaCertificatePem = LdapSubtree.CaPem,
            ConnectTimeoutSeconds = 2, OperationTimeoutSeconds = 10, BindDn = Ldap.ServiceDn,
            ProtectedBindPassword = protector.Protect(Ldap.ServicePassword, PublishedSettings.PasswordContext(Domain)), BaseDn = Ldap.BaseDn,
            Attributes = new DirectoryAttributeOverrides { DisabledRule = "accountControlFlag" },
        };
        settings = change?.Invoke(settings) ?? settings;
        await Host.Services.GetRequiredService<IBus>().Publish(settings);
        await Eventually.Get(VersionAsync, v => v == settings.Version, TimeSpan.FromSeconds(20));
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string? password, string? code = null, string peer = "192.0.2.1")
    {
        using var client = Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/login") { Content = JsonContent.Create(new { email, password, code }) };
        request.Headers.Add(PeerAddressHost<Program>.PeerHeader, peer);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public Task<List<JsonNode>> OutboxAsync(string type) => OutboxMessages.ReadAsync(Host.ConnectionString, "auth", type);

    public async ValueTask DisposeAsync()
    {
        await Ldap.DisposeAsync();
        await Host.DisposeAsync();
    }

    private async Task<long> VersionAsync()
    {
        await using var data = Npgsql.NpgsqlDataSource.Create(Host.ConnectionString);
        await using var command = data.CreateCommand("SELECT version FROM auth.domain_directories WHERE domain = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Domain });
        return await command.ExecuteScalarAsync() is long version ? version : 0;
    }
}
