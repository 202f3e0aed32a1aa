using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>
/// The Active Directory kind against a real domain controller (the local Samba AD DC): objectGUID ids,
/// proxyAddresses aliases, the disabled flag of userAccountControl, and uSNChanged for changed-only syncs.
/// </summary>
public sealed class Syncing_an_active_directory : IAsyncLifetime
{
    private const string Domain = "example.com";
    private readonly ServiceHost<Program> _host = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _host.With("DirectorySync:SchedulerInterval", "00:00:01");
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@example.com", Domain));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Imports_users_by_objectGUID_with_their_proxy_addresses_and_then_reads_only_what_changed()
    {
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings())).StatusCode);

        var full = await SyncApi.SyncAsync(_admin, Domain);
        var added = full["changes"]!.AsArray().Where(c => c!["change"]!.GetValue<string>() == "added").ToList();
        var alice = added.Single(c => c!["email"]!.GetValue<string>() == "alice@example.com")!;
        var dave = added.Single(c => c!["email"]!.GetValue<string>().StartsWith("dave", StringComparison.Ordinal))!;
        await TouchAsync($"CN=Alice Smith,{Infrastructure.Get("ActiveDirectory:UsersDn")}");
        var changes = await SyncApi.SyncAsync(_admin, Domain, "changes");

        Assert.Equal("completed", full["run"]!["status"]!.GetValue<string>());
        Assert.Equal(12, full["run"]!["counts"]!["users"]!.GetValue<int>());
        Assert.True(Guid.TryParse(alice["directoryId"]!.GetValue<string>(), out _), alice.ToJsonString());
        Assert.NotEmpty(alice["detail"]!["aliases"]!.AsArray());
        Assert.DoesNotContain(alice["detail"]!["aliases"]!.AsArray(), a => a!.GetValue<string>().StartsWith("x500", StringComparison.OrdinalIgnoreCase));
        Assert.True(dave["detail"]!["disabled"]!.GetValue<bool>());
        Assert.Contains(added, c => c!["email"]!.GetValue<string>() == "john.doe@example.com");

        Assert.Equal("completed", changes["run"]!["status"]!.GetValue<string>());
        Assert.Equal("changes", changes["run"]!["mode"]!.GetValue<string>());
        // Alice, whose entry was touched; auth's tests log alice, jdoe and dave in to the same directory at the same
        // time, and a first logon moves uSNChanged (lastLogonTimestamp), so up to three more may have changed.
        Assert.InRange(changes["run"]!["counts"]!["users"]!.GetValue<int>(), 1, 4);
        Assert.Equal(0, changes["run"]!["counts"]!["removed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fails_a_run_with_a_wrong_service_password_as_invalid_service_credentials_and_removes_nobody()
    {
        await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", Settings());
        await SyncApi.SyncAsync(_admin, Domain);
        var wrong = Settings();
        wrong["bindPassword"] = "not-the-password-1";
        await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", wrong);

        var failed = await SyncApi.SyncAsync(_admin, Domain);

        Assert.Equal("failed", failed["run"]!["status"]!.GetValue<string>());
        Assert.Equal("invalid_service_credentials", failed["run"]!["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("not-the-password-1", failed.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(failed["changes"]!.AsArray());
    }

    /// <summary>Changes an attribute the sync does not map, so only uSNChanged moves (other tests read the same directory).</summary>
    private static async Task TouchAsync(string dn)
    {
        var ldif = $"dn: {dn}\nchangetype: modify\nreplace: description\ndescription: touched {Guid.NewGuid():N}\n";
        var start = new ProcessStartInfo("ldapmodify",
            ["-x", "-H", $"ldaps://127.0.0.1:{Infrastructure.Get("ActiveDirectory:LdapsPort")}", "-D", Infrastructure.Get("ActiveDirectory:AdminDn"),
             "-w", Infrastructure.Get("ActiveDirectory:AdminPassword")])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["LDAPTLS_CACERT"] = Infrastructure.Get("Ldap:CaCertificatePath") },
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(ldif);
        process.StandardInput.Close();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
    }

    private static JsonObject Settings() => new()
    {
        ["kind"] = "activeDirectory",
        ["host"] = "127.0.0.1",
        ["port"] = int.Parse(Infrastructure.Get("ActiveDirectory:Port"), System.Globalization.CultureInfo.InvariantCulture),
        ["security"] = "starttls",
        ["caCertificatePem"] = File.ReadAllText(Infrastructure.Get("Ldap:CaCertificatePath")),
        ["bindDn"] = Infrastructure.Get("ActiveDirectory:ServiceDn"),
        ["bindPassword"] = Infrastructure.Get("ActiveDirectory:ServicePassword"),
        ["baseDn"] = Infrastructure.Get("ActiveDirectory:UsersDn"),
        ["extraFilter"] = "(mail=*)",
        ["automaticSync"] = false,
    };
}
