using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>
/// A sync reads at most <c>DirectorySync:MaxDirectoryEntries</c> entries (here 3) of an OpenLDAP subtree of the test's
/// own: a directory with more fails the run with <c>directory_too_large</c>, recorded in the history, and changes nothing.
/// </summary>
public sealed class Refusing_a_directory_above_the_entry_limit : IAsyncLifetime
{
    private const string Domain = "large.example";
    private DomainWithDirectory _domain = null!;

    public async Task InitializeAsync() =>
        _domain = await DomainWithDirectory.StartAsync(Domain, ("DirectorySync:MaxDirectoryEntries", "3"));

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    [Fact]
    public async Task Fails_a_first_import_of_a_directory_above_the_limit_and_adds_nobody()
    {
        for (var i = 0; i < 5; i++)
        {
            await _domain.Ldap.AddUserAsync($"user{i}", $"user{i}@large.example");
        }

        await SaveAsync();
        var run = await SyncApi.SyncAsync(_domain.Admin, Domain);
        var test = await _domain.Admin.PostAsync($"/v1/domains/{Domain}/directory/test", null);
        var tested = JsonNode.Parse(await test.Content.ReadAsStringAsync())!;

        Assert.Equal("failed", run["run"]!["status"]!.GetValue<string>());
        Assert.Equal("directory_too_large", run["run"]!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("DirectorySync:MaxDirectoryEntries", run["run"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await ActiveUsersAsync());
        Assert.Empty(await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserDiscovered"));
        Assert.Equal("directory_too_large", Assert.Single(await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "DirectorySyncFailed"))["errorCode"]!.GetValue<string>());
        // The dry run of the connection test reads within the same limit.
        Assert.Equal("directory_too_large", tested["dryRunFailure"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Syncs_a_directory_at_the_limit_and_fails_the_run_that_finds_it_grown_past_it_changing_nothing()
    {
        for (var i = 0; i < 3; i++)
        {
            await _domain.Ldap.AddUserAsync($"user{i}", $"user{i}@large.example");
        }

        await SaveAsync();
        var first = await SyncApi.SyncAsync(_domain.Admin, Domain);
        await _domain.Ldap.AddUserAsync("user3", "user3@large.example");
        var grown = await SyncApi.SyncAsync(_domain.Admin, Domain);
        var history = JsonNode.Parse(await _domain.Admin.GetStringAsync($"/v1/domains/{Domain}/directory/syncs"))!.AsArray();

        Assert.Equal("completed", first["run"]!["status"]!.GetValue<string>());
        Assert.Equal("failed", grown["run"]!["status"]!.GetValue<string>());
        Assert.Equal("directory_too_large", grown["run"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(["failed", "completed"], history.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal(3, await ActiveUsersAsync());
        Assert.Equal(3, (await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserDiscovered")).Count);
    }

    private async Task SaveAsync()
    {
        var settings = _domain.Ldap.Settings();
        settings["automaticSync"] = false;
        var response = await _domain.Admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<long> ActiveUsersAsync()
    {
        await using var data = NpgsqlDataSource.Create(_domain.Host.ConnectionString);
        await using var command = data.CreateCommand("SELECT count(*) FROM directory_sync.directory_users WHERE domain = $1 AND removed_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = Domain });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
