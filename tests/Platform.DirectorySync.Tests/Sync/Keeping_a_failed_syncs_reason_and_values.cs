using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>
/// A run that fails on the directory keeps the failure's reason and values, as a connection test's failure has them, so
/// that a client can say it in its own words: the history API shows them, and never the bind password.
/// </summary>
public sealed class Keeping_a_failed_syncs_reason_and_values : IAsyncLifetime
{
    private const string Domain = "failedrun.example";
    private const string WrongPassword = "wrong-password-Zx8!";
    private readonly ServiceHost<Program> _host = new();
    private LdapSubtree _ldap = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _ldap = await LdapSubtree.CreateAsync();
        _admin = _host.CreateClient().As(PlatformTokenRequest.DomainAdmin("admin@failedrun.example", Domain));
    }

    public async Task DisposeAsync()
    {
        await _ldap.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Shows_the_rejected_service_account_and_the_host_but_not_the_password()
    {
        await _ldap.AddUserAsync("ada", "ada@failedrun.example");
        var wrong = _ldap.Settings();
        wrong["bindPassword"] = WrongPassword;
        await SaveAsync(wrong);

        var run = await SyncApi.SyncAsync(_admin, Domain);
        var listed = await _admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs");
        var error = run["run"]!["error"]!;
        var values = error["values"]!.AsObject();

        Assert.Equal("invalid_service_credentials", error["code"]!.GetValue<string>());
        Assert.Equal(_ldap.ServiceDn, values["bindDn"]!.GetValue<string>());
        Assert.Equal(_ldap.Settings()["host"]!.GetValue<string>(), values["host"]!.GetValue<string>());
        Assert.Equal(LdapSubtree.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), values["port"]!.GetValue<string>());
        Assert.Equal(error.ToJsonString(), JsonNode.Parse(listed)!.AsArray()[0]!["error"]!.ToJsonString());
        foreach (var text in new[] { run.ToJsonString(), listed })
        {
            Assert.DoesNotContain(WrongPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(_ldap.ServicePassword, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Names_the_base_dn_and_filter_of_a_directory_without_users()
    {
        await SaveAsync(_ldap.Settings());

        var run = await SyncApi.SyncAsync(_admin, Domain);
        var error = run["run"]!["error"]!;

        Assert.Equal("no_users_found", error["code"]!.GetValue<string>());
        Assert.Null(error["reason"]);
        Assert.Equal(_ldap.BaseDn, error["values"]!["baseDn"]!.GetValue<string>());
        Assert.Contains("inetOrgPerson", error["values"]!["filter"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task SaveAsync(JsonObject settings)
    {
        settings["automaticSync"] = false;
        var response = await _admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
