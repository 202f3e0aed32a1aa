using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Testing;
using Xunit;

namespace Platform.DirectorySync.Tests.Sync;

/// <summary>
/// Syncs of an OpenLDAP subtree of the test's own as it changes: updates, disabling, removals and the deletion guard;
/// the trace a run continues.
/// </summary>
public sealed class Keeping_the_managed_list_in_sync : IAsyncLifetime
{
    private const string Domain = "sync.example";
    private DomainWithDirectory _domain = null!;

    public async Task InitializeAsync() =>
        _domain = await DomainWithDirectory.StartAsync(Domain, ("DirectorySync:SchedulerInterval", "00:00:01"));

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    [Fact]
    public async Task Follows_renames_disabling_and_deletions_by_stable_id_and_publishes_each_change_once()
    {
        var users = new List<LdapUser>();
        for (var i = 0; i < 10; i++)
        {
            users.Add(await _domain.Ldap.AddUserAsync($"user{i}", $"user{i}@sync.example", displayName: $"User {i}", disabled: false));
        }

        await SaveAsync(_domain.Ldap.Settings());
        var first = await SyncApi.SyncAsync(_domain.Admin, Domain);
        await _domain.Ldap.ModifyAsync(users[0].Dn, "mail", "renamed0@sync.example");
        await _domain.Ldap.ModifyAsync(users[1].Dn, "mailAlternateAddress", "alias1@sync.example");
        await _domain.Ldap.SetDisabledAsync(users[2].Dn, disabled: true);
        await _domain.Ldap.DeleteAsync(users[3].Dn);
        var second = await SyncApi.SyncAsync(_domain.Admin, Domain);

        Assert.Equal(10, Count(first, "added"));
        Assert.Equal(2, Count(second, "updated"));
        Assert.Equal(1, Count(second, "disabled"));
        Assert.Equal(1, Count(second, "removed"));
        Assert.Equal(0, Count(second, "added"));
        var renamed = Changes(second, "updated").Single(c => c["directoryId"]!.GetValue<string>() == users[0].Id);
        Assert.Equal("renamed0@sync.example", renamed["email"]!.GetValue<string>());
        Assert.Equal("user0@sync.example", renamed["detail"]!["previousEmail"]!.GetValue<string>());

        var updated = await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserUpdated");
        Assert.Equal(2, updated.Count);
        Assert.Equal("user0@sync.example", updated.Single(m => m["directoryId"]!.GetValue<string>() == users[0].Id)["previousEmail"]!.GetValue<string>());
        Assert.Equal(users[2].Id, Assert.Single(await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserDisabledInDirectory"))["directoryId"]!.GetValue<string>());
        var removed = Assert.Single(await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserRemovedFromDirectory"));
        Assert.Equal("user3@sync.example", removed["email"]!.GetValue<string>());
        Assert.Equal("sync", removed["approvedBy"]!.GetValue<string>());
        // Ten people, each announced once: a new address of a known person is not a new person.
        Assert.Equal(10, (await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserDiscovered")).Count);
    }

    [Fact]
    public async Task Holds_removals_above_the_threshold_until_an_admin_confirms_them()
    {
        var users = new List<LdapUser>();
        for (var i = 0; i < 10; i++)
        {
            users.Add(await _domain.Ldap.AddUserAsync($"user{i}", $"user{i}@sync.example"));
        }

        await SaveAsync(_domain.Ldap.Settings());
        await SyncApi.SyncAsync(_domain.Admin, Domain);
        foreach (var user in users.Take(3))
        {
            await _domain.Ldap.DeleteAsync(user.Dn);
        }

        var guarded = await SyncApi.SyncAsync(_domain.Admin, Domain);
        var runId = guarded["run"]!["runId"]!.GetValue<Guid>();
        var listBefore = await ActiveUsersAsync();
        var removedBefore = await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserRemovedFromDirectory");
        var confirm = await _domain.Admin.PostAsync($"/v1/domains/{Domain}/directory/syncs/{runId}/held-removals/confirm", null);
        var confirmedRun = JsonNode.Parse(await confirm.Content.ReadAsStringAsync())!;
        var again = await _domain.Admin.PostAsync($"/v1/domains/{Domain}/directory/syncs/{runId}/held-removals/confirm", null);

        Assert.Equal(0, guarded["run"]!["counts"]!["removed"]!.GetValue<int>());
        Assert.Equal(3, guarded["run"]!["counts"]!["held"]!.GetValue<int>());
        Assert.Equal("above_threshold", guarded["run"]!["heldRemovals"]!["reason"]!.GetValue<string>());
        Assert.Equal(3, Count(guarded, "removalHeld"));
        Assert.Equal(10, listBefore);
        Assert.Empty(removedBefore);

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("confirmed", confirmedRun["heldRemovals"]!["decision"]!.GetValue<string>());
        Assert.Equal("admin@sync.example", confirmedRun["heldRemovals"]!["decidedBy"]!.GetValue<string>());
        Assert.Equal(7, await ActiveUsersAsync());
        var removed = await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "UserRemovedFromDirectory");
        Assert.Equal(3, removed.Count);
        Assert.All(removed, m => Assert.Equal("admin@sync.example", m["approvedBy"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already_decided", JsonNode.Parse(await again.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Removes_nobody_when_the_directory_cannot_be_reached()
    {
        for (var i = 0; i < 5; i++)
        {
            await _domain.Ldap.AddUserAsync($"user{i}", $"user{i}@sync.example");
        }

        await SaveAsync(_domain.Ldap.Settings());
        await SyncApi.SyncAsync(_domain.Admin, Domain);
        // Another port needs the password again (the saved one goes only where it was saved for).
        var unreachable = _domain.Ldap.Settings(port: LdapSubtree.UnusedPort());
        await SaveAsync(unreachable);

        var failed = await SyncApi.SyncAsync(_domain.Admin, Domain);

        Assert.Equal("failed", failed["run"]!["status"]!.GetValue<string>());
        Assert.Equal("connection_refused", failed["run"]!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(5, await ActiveUsersAsync());
        Assert.Equal("connection_refused", Assert.Single(await SyncApi.OutboxAsync(_domain.Host.ConnectionString, "DirectorySyncFailed"))["errorCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publishes_the_users_a_run_discovers_in_the_trace_of_the_request_that_asked_for_the_run()
    {
        await _domain.Ldap.AddUserAsync("tina", "tina@sync.example");
        await _domain.Ldap.AddUserAsync("theo", "theo@sync.example");
        await SaveAsync(_domain.Ldap.Settings());
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        // The scheduler runs the queued run later: the request's trace context is kept with it.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/domains/{Domain}/directory/sync");
        request.Headers.Add("traceparent", $"00-{traceId}-b7ad6b7169203331-01");
        Assert.Equal(HttpStatusCode.Accepted, (await _domain.Admin.SendAsync(request)).StatusCode);
        var discovered = await Eventually.Get(
            () => OutboxMessages.TraceParentsAsync(_domain.Host.ConnectionString, "directory_sync", "UserDiscovered"), t => t.Count == 2);

        Assert.Equal(2, discovered.Count);
        Assert.All(discovered, traceParent => Assert.StartsWith($"00-{traceId}-", traceParent, StringComparison.Ordinal));
    }

    private async Task SaveAsync(JsonObject settings)
    {
        settings["automaticSync"] = false;
        var response = await _domain.Admin.PutAsJsonAsync($"/v1/domains/{Domain}/directory", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<JsonNode> Changes(JsonNode run, string change) =>
        [.. run["changes"]!.AsArray().Where(c => c!["change"]!.GetValue<string>() == change).Select(c => c!)];

    private static int Count(JsonNode run, string change) => Changes(run, change).Count;

    private async Task<long> ActiveUsersAsync()
    {
        await using var data = NpgsqlDataSource.Create(_domain.Host.ConnectionString);
        await using var command = data.CreateCommand("SELECT count(*) FROM directory_sync.directory_users WHERE domain = $1 AND removed_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = Domain });
        return (long)(await command.ExecuteScalarAsync())!;
    }

}
