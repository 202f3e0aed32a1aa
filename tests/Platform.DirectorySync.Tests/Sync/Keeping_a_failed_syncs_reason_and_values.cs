using System.Net.Http.Json;
using System.Text.Json.Nodes;
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
    private DomainWithDirectory _domain = null!;

    public async Task InitializeAsync() =>
        _domain = await DomainWithDirectory.StartAsync(Domain);

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    [Fact]
    public async Task Shows_the_rejected_service_account_and_the_host_but_not_the_password()
    {
        await _domain.Ldap.AddUserAsync("ada", "ada@failedrun.example");
        var wrong = _domain.Ldap.Settings();
        wrong["bindPassword"] = WrongPassword;
        await SaveAsync(wrong);

        var run = await SyncApi.SyncAsync(_domain.Admin, Domain);
        var listed = await _domain.Admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs");
        var error = run["run"]!["error"]!;
        var values = error["values"]!.AsObject();

        Assert.Equal("invalid_service_credentials", error["code"]!.GetValue<string>());
        Assert.Equal(_domain.Ldap.ServiceDn, values["bindDn"]!.GetValue<string>());
        Assert.Equal(_domain.Ldap.Settings()["host"]!.GetValue<string>(), values["host"]!.GetValue<string>());
        Assert.Equal(LdapSubtree.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), values["port"]!.GetValue<string>());
        Assert.Equal(error.ToJsonString(), JsonNode.Parse(listed)!.AsArray()[0]!["error"]!.ToJsonString());
        foreach (var text in new[] { run.ToJsonString(), listed })
        {
            Assert.DoesNotContain(WrongPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(_domain.Ldap.ServicePassword, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Names_the_base_dn_and_filter_of_a_directory_without_users()
    {
        await SaveAsync(_domain.Ldap.Settings());

        var run = await SyncApi.SyncAsync(_domain.Admin, Domain);
        var error = run["run"]!["error"]!;

        Assert.Equal("no_users_found", error["code"]!.GetValue<string>());
        Assert.Null(error["reason"]);
        Assert.Equal(_domain.Ldap.BaseDn, error["values"]!["baseDn"]!.GetValue<string>());
        Assert.Contains("inetOrgPerson", error["values"]!["filter"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task SaveAsync(JsonObject settings)
    {
        settings["automaticSync"] = false;
        var response = await _domain.Admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
